package io.inetpublish.common.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import io.inetpublish.common.test.security.TestSecurity;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real PostgreSQL and RabbitMQ for integration tests: Testcontainers where a Docker engine exists, the machine's own
 * services otherwise (host, port and user overridable with {@code TEST_PG_*} and {@code TEST_RABBITMQ_*}). Each
 * service's suite gets its own database, {@code inetpublish_<service-key>_test}, created when missing
 * ({@code TEST_PG_DATABASE_SUFFIX} appends to the name, so that two work trees of different schemas do not share one).
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(TestSecurity.class)
public class TestInfrastructure {

    @Bean
    @ServiceConnection
    @Conditional(DockerAvailable.class)
    PostgreSQLContainer postgresContainer() {
        return new PostgreSQLContainer("postgres:15-alpine");
    }

    @Bean
    @ServiceConnection
    @Conditional(DockerAvailable.class)
    RabbitMQContainer rabbitContainer() {
        return new RabbitMQContainer("rabbitmq:3.13-management-alpine");
    }

    /** The suite's events as other services' relays send them, and queues to watch this one's (RelayedEvents). */
    @Bean
    RelayedEvents relayedEvents(ObjectProvider<RabbitTemplate> rabbit, ObjectProvider<AmqpAdmin> admin,
            ObjectProvider<JsonMapper> json, Environment environment) {
        return new RelayedEvents(rabbit, admin, json, environment);
    }

    @Bean
    @Conditional(DockerAvailable.Not.class)
    DynamicPropertyRegistrar localInfrastructure(Environment environment) {
        String database = "inetpublish_" + environment.getRequiredProperty("inetpublish.service-key") + "_test"
                + env("TEST_PG_DATABASE_SUFFIX", "");
        return registry -> {
            registry.add("spring.datasource.url", () -> LocalPostgres.ensureDatabase(database));
            registry.add("spring.datasource.username", LocalPostgres::user);
            registry.add("spring.datasource.password", LocalPostgres::password);
            registry.add("spring.rabbitmq.host", () -> env("TEST_RABBITMQ_HOST", "127.0.0.1"));
            registry.add("spring.rabbitmq.port", () -> env("TEST_RABBITMQ_PORT", "5672"));
            registry.add("spring.rabbitmq.username", () -> env("TEST_RABBITMQ_USER", "guest"));
            registry.add("spring.rabbitmq.password", () -> env("TEST_RABBITMQ_PASSWORD", "guest"));
        };
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Creates a suite's database on the local server the first time it is asked for. */
    static final class LocalPostgres {

        private LocalPostgres() {
        }

        static String user() {
            return env("TEST_PG_USER", "postgres");
        }

        static String password() {
            return env("TEST_PG_PASSWORD", "");
        }

        static String url(String database) {
            return "jdbc:postgresql://" + env("TEST_PG_HOST", "127.0.0.1") + ":" + env("TEST_PG_PORT", "5432") + "/"
                    + database;
        }

        static synchronized String ensureDatabase(String database) {
            try (Connection connection = DriverManager.getConnection(url("postgres"), user(), password());
                    PreparedStatement exists = connection.prepareStatement(
                            "select 1 from pg_database where datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        try (Statement create = connection.createStatement()) {
                            create.execute("create database \"" + database + "\"");
                        }
                    }
                }
            } catch (SQLException ex) {
                throw new IllegalStateException("Cannot prepare test database " + database
                        + " on the local PostgreSQL; is it running?", ex);
            }
            return url(database);
        }
    }
}
