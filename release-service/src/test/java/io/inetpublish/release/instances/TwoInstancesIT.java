package io.inetpublish.release.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import io.inetpublish.common.event.EventTypes;
import io.inetpublish.release.ReleaseIntegrationTest;
import io.inetpublish.release.ReleaseItSupport;
import io.inetpublish.release.ReleaseServiceApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Several instances of one service against the same database and broker (issue 10): two more release-service
 * instances start beside the test's own, all with their outbox relays and schedule reminders running. Every due
 * schedule is announced once, and every announcement reaches the broker once.
 */
@ReleaseIntegrationTest
class TwoInstancesIT extends ReleaseItSupport {

    @Autowired
    Environment environment;

    @Autowired
    AmqpAdmin amqp;

    @Autowired
    ConnectionFactory connectionFactory;

    @Autowired
    DataSource dataSource;

    final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    SimpleMessageListenerContainer listener;

    @AfterEach
    void stopInstances() {
        if (listener != null) {
            listener.stop();
        }
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void announcesEveryDueScheduleOnceWithTwoInstancesRunning() throws Exception {
        String exchange = environment.getRequiredProperty("inetpublish.messaging.exchange");
        Queue queue = new Queue("test.two-instances." + UUID.randomUUID(), false, false, true);
        amqp.declareQueue(queue);
        amqp.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(exchange)).with(EventTypes.SCHEDULE_DUE));
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        listener = new SimpleMessageListenerContainer(connectionFactory);
        listener.setQueues(queue);
        listener.setMessageListener(message -> {
            String envelope = new String(message.getBody());
            received.computeIfAbsent(json.readTree(envelope).get("eventId").asString(), k -> new AtomicInteger())
                    .incrementAndGet();
        });
        listener.start();

        instances.add(startInstance("a"));
        instances.add(startInstance("b"));

        UUID customer = UUID.randomUUID();
        UUID prod = UUID.randomUUID();
        customerService.environment(prod, customer, "Multi Co", unique("Owner"), "prod");
        List<String> schedules = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Instant planned = Instant.now().plus(Duration.ofHours(i % 2 == 0 ? 3 : -1));
            schedules.add(createSchedule(customer, prod, planned));
        }

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline) && (countAnnounced(schedules) < 30 || sentRows(schedules) < 30
                || received.size() < 30)) {
            Thread.sleep(250);
        }
        Thread.sleep(2000); // give a duplicate, if any, the time to show up

        Map<String, Integer> perSchedule = new HashMap<>();
        jdbc.query("select envelope->'payload'->>'scheduleId' from outbox_event where event_type = ?",
                rs -> {
                    String id = rs.getString(1);
                    if (schedules.contains(id)) {
                        perSchedule.merge(id, 1, Integer::sum);
                    }
                }, EventTypes.SCHEDULE_DUE);
        assertThat(perSchedule).hasSize(30).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
        assertThat(sentRows(schedules)).isEqualTo(30);
        List<String> eventIds = jdbc.queryForList("""
                select id::text from outbox_event where event_type = ?
                and envelope->'payload'->>'scheduleId' = any (?)""", String.class, EventTypes.SCHEDULE_DUE,
                schedules.toArray(String[]::new));
        assertThat(eventIds).hasSize(30).allSatisfy(id -> assertThat(received).containsKey(id));
        assertThat(received.entrySet().stream().filter(e -> eventIds.contains(e.getKey())))
                .allSatisfy(e -> assertThat(e.getValue().get()).as("deliveries of " + e.getKey()).isEqualTo(1));
    }

    private int countAnnounced(List<String> schedules) {
        return jdbc.queryForObject("""
                select count(*) from update_schedule where id::text = any (?)
                and (due_soon_notified_at is not null or overdue_notified_at is not null)""", Integer.class,
                (Object) schedules.toArray(String[]::new));
    }

    private int sentRows(List<String> schedules) {
        return jdbc.queryForObject("""
                select count(*) from outbox_event where event_type = ? and sent_at is not null
                and envelope->'payload'->>'scheduleId' = any (?)""", Integer.class, EventTypes.SCHEDULE_DUE,
                schedules.toArray(String[]::new));
    }

    private String createSchedule(UUID customer, UUID environmentId, Instant planned) {
        String body = """
                {"customerId":"%s","environmentIds":["%s"],"plannedAt":"%s","timeZone":"Asia/Shanghai",
                 "content":"two instances"}""".formatted(customer, environmentId,
                planned.atZone(ZoneId.of("Asia/Shanghai")).toOffsetDateTime());
        var result = mvc.post().uri("/api/schedules").contentType(MediaType.APPLICATION_JSON).content(body)
                .exchange();
        assertThat(result).hasStatus(HttpStatus.CREATED);
        return read(result).get("id").asString();
    }

    /**
     * Another release-service process' worth: the same database and broker (read from the running connections, so it
     * works on Testcontainers too), the same exchange and queues.
     */
    private ConfigurableApplicationContext startInstance(String name) throws Exception {
        HikariDataSource db = dataSource.unwrap(HikariDataSource.class);
        var rabbit = ((CachingConnectionFactory) connectionFactory).getRabbitConnectionFactory();
        List<String> properties = new ArrayList<>(List.of("--spring.datasource.url=" + db.getJdbcUrl(),
                "--spring.datasource.username=" + db.getUsername(),
                "--spring.datasource.password=" + (db.getPassword() == null ? "" : db.getPassword()),
                "--spring.rabbitmq.host=" + rabbit.getHost(), "--spring.rabbitmq.port=" + rabbit.getPort(),
                "--spring.rabbitmq.username=" + rabbit.getUsername(),
                "--spring.rabbitmq.password=" + rabbit.getPassword(),
                "--inetpublish.messaging.exchange=" + environment.getRequiredProperty("inetpublish.messaging.exchange"),
                "--inetpublish.messaging.queue-prefix="
                        + environment.getRequiredProperty("inetpublish.messaging.queue-prefix")));
        properties.addAll(List.of("--server.port=0", "--eureka.client.enabled=false",
                "--spring.cloud.discovery.enabled=false", "--spring.application.name=release-service",
                "--inetpublish.release.due-check-interval=PT0.1S", "--inetpublish.release.due-check-initial-delay=PT0S",
                "--spring.jmx.enabled=false", "--management.server.port=-1"));
        return new SpringApplicationBuilder(ReleaseServiceApplication.class)
                .properties("spring.main.banner-mode=off", "instance.name=" + name)
                .run(properties.toArray(String[]::new));
    }
}
