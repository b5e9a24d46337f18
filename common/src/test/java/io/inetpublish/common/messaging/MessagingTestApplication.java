package io.inetpublish.common.messaging;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A minimal service for the mechanism's own integration tests: everything {@code common} auto-configures, plus one
 * consumer ({@code messaging-test.probe}) whose handler behaves as each test's {@link Probe} asks.
 */
@SpringBootApplication
class MessagingTestApplication {

    static final String PROBE = "probe.event";

    @Bean
    ProbeHandler probeHandler(JdbcTemplate jdbc) {
        jdbc.execute("""
                create table if not exists probe_effect (
                    id bigserial primary key,
                    event_id uuid not null,
                    name varchar(200) not null,
                    actor varchar(200) not null)""");
        return new ProbeHandler(jdbc);
    }

    @Bean
    EventConsumer probeConsumer(ProbeHandler handler) {
        return EventConsumer.forPurpose("probe").on(PROBE, Probe.class, handler).build();
    }
}
