package org.mentoring.platform.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void connectionFailuresAnywhereInTheChainAreOutages() {
        assertTrue(DatabaseOutage.causedBy(new RuntimeException(new SQLException("refused", "08001"))));
        assertTrue(DatabaseOutage.causedBy(new IllegalStateException("wrapped",
                new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01")))));
        assertTrue(DatabaseOutage.causedBy(new RuntimeException(new SQLTransientConnectionException("pool"))));
        assertTrue(DatabaseOutage.causedBy(new RuntimeException(new ConnectException("Connection refused"))));
        assertTrue(DatabaseOutage.causedBy(
                new SQLException("Acquisition timeout while waiting for new connection")));
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertFalse(DatabaseOutage.causedBy(new RuntimeException(new SQLException("duplicate key", "23505"))));
        assertFalse(DatabaseOutage.causedBy(new SQLException("syntax", "42601")));
        assertFalse(DatabaseOutage.causedBy(new NullPointerException()));
        assertFalse(DatabaseOutage.causedBy(null));
    }

    @Test
    void aCyclicCauseChainEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertFalse(DatabaseOutage.causedBy(b));
    }
}
