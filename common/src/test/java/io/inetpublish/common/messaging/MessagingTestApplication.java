package io.inetpublish.common.messaging;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A minimal service for the mechanism's own integration tests: everything {@code common} auto-configures, plus one
 * consumer ({@code messaging-test.probe}) whose handler behaves as each test's {@link Probe} asks, and one that
 * handles a type in batches ({@code messaging-test.probe-batch}, {@link BatchProbeHandler}).
 */
@SpringBootApplication
class MessagingTestApplication {

    static final String PROBE = "probe.event";
    static final String BATCH_PROBE = "probe.batch-event";
    static final String SINGLE_PROBE = "probe.single-event";

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

    @Bean
    BatchProbeHandler batchProbeHandler(ProbeHandler tableCreated, JdbcTemplate jdbc) {
        return new BatchProbeHandler(jdbc);
    }

    /** Two types in one queue, on one thread: one handled in batches, the other one event at a time. */
    @Bean
    EventConsumer batchProbeConsumer(BatchProbeHandler handler) {
        return EventConsumer.forPurpose("probe-batch").concurrency(1)
                .onBatches(BATCH_PROBE, Probe.class, handler)
                .on(SINGLE_PROBE, Probe.class, handler::single)
                .build();
    }
}
