package org.mentoring.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class DatabaseRefusalTest {

    @Test
    void aUniqueValueTakenMeanwhileIsAConflictUnstorableTextABadRequestAndACollisionARetry() {
        assertEquals(409, ProblemMappers.refusedByDatabase(
                new IllegalStateException("flush", new RuntimeException(new SQLException("duplicate key", "23505")))).status());
        for (String state : new String[] {"22P05", "22021", "22023", "22008", "22003"}) {
            assertEquals(400, ProblemMappers.refusedByDatabase(new RuntimeException(new SQLException("nul", state))).status());
        }
        for (String state : new String[] {"40P01", "40001"}) {
            assertEquals(503, ProblemMappers.refusedByDatabase(new RuntimeException(new SQLException("retry", state))).status());
        }
    }

    @Test
    void anythingElseIsLeftToTheInternalErrorPath() {
        assertNull(ProblemMappers.refusedByDatabase(new RuntimeException(new SQLException("no table", "42P01"))));
        assertNull(ProblemMappers.refusedByDatabase(new RuntimeException(new SQLException("no state"))));
        assertNull(ProblemMappers.refusedByDatabase(new IllegalStateException("plain")));
    }

    @Test
    void theKnownStateIsFoundUnderAWrapperWithAnotherOne() {
        SQLException wrapper = new SQLException("batch failed", "HY000", new SQLException("duplicate key", "23505"));
        assertEquals(409, ProblemMappers.refusedByDatabase(new RuntimeException(wrapper)).status());
    }
}
