package io.inetpublish.common.test;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Counts the SQL statements Hibernate prepares on the current thread, for the tests that guard against one query per
 * row. Other threads (outbox relays, schedulers) are not counted, so a poll in the background cannot disturb a count.
 * Registered for every service suite by {@link ServiceIntegrationTest}.
 */
public final class SqlStatements implements StatementInspector {

    private static final ThreadLocal<int[]> COUNTING = new ThreadLocal<>();

    /** Runs the action on this thread and returns how many statements it prepared. */
    public static int countedWhile(Runnable action) {
        int[] count = {0};
        COUNTING.set(count);
        try {
            action.run();
        } finally {
            COUNTING.remove();
        }
        return count[0];
    }

    @Override
    public String inspect(String sql) {
        int[] count = COUNTING.get();
        if (count != null) {
            count[0]++;
        }
        return sql;
    }
}
