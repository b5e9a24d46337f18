package io.inetpublish.common.test;

import java.sql.Connection;

import javax.sql.DataSource;

import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Runs a Java migration once more on the suite's database, as Flyway runs it (on one connection), for a test of what
 * it does to rows stored before it: the test writes such rows, runs the migration, reads the result.
 */
public final class JavaMigrations {

    private JavaMigrations() {
    }

    /** {@code migration} on a connection of {@code dataSource}; it sees no Flyway configuration. */
    public static void run(JavaMigration migration, DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            migration.migrate(new Context() {
                @Override
                public Configuration getConfiguration() {
                    return null;
                }

                @Override
                public Connection getConnection() {
                    return connection;
                }
            });
        }
    }
}
