package org.mentoring.platform.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Recognises a failure that means "the database cannot be reached right now" (connection refused or reset, the
 * server shutting down, no connection obtainable from the pool) as opposed to a bug or a client's mistake. Such a
 * failure is a 503 with Retry-After: the caller may retry, and nothing was written.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    public static boolean causedBy(Throwable failure) {
        return find(failure) != null;
    }

    public static String describe(Throwable failure) {
        Throwable cause = find(failure);
        return cause == null ? String.valueOf(failure) : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static Throwable find(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectException) {
                return t;
            }
            if (t instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return t;
            }
            // Hibernate's JDBCConnectionException and Agroal's pool timeout, recognised by name so this module needs
            // neither library.
            String name = t.getClass().getName();
            if (name.equals("org.hibernate.exception.JDBCConnectionException")) {
                return t;
            }
            if (t instanceof SQLException && t.getMessage() != null
                    && t.getMessage().startsWith("Acquisition timeout while waiting for new connection")) {
                return t;
            }
        }
        return null;
    }

    /** SQLSTATE class 08 (connection exception) and 57P01-57P03 (admin shutdown, crash shutdown, cannot connect now). */
    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }
}
