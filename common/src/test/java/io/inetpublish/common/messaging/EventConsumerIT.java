package io.inetpublish.common.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.inbox.Inbox;
import io.inetpublish.common.security.Role;
import io.inetpublish.common.test.PlainHttp;
import io.inetpublish.common.test.RelayedEvents;
import io.inetpublish.common.test.security.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.json.JsonContent;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consumer side on real RabbitMQ and PostgreSQL: exactly-once application through the inbox, bounded retries
 * with backoff, dead letters that are visible through {@code /actuator/deadletters} and can be sent back, and
 * unreadable messages that go to the dead-letter queue at once while the queue keeps flowing.
 */
@MessagingIntegrationTest
class EventConsumerIT {

    static final String CONSUMER = "messaging-test.probe";
    static final String DLQ = "test.common.messaging-test.probe.dlq";
    static final String BATCH_DLQ = "test.common.messaging-test.probe-batch.dlq";

    @Autowired
    RelayedEvents events;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    JsonMapper json;
    @Autowired
    ProbeHandler probes;
    @Autowired
    BatchProbeHandler batchProbes;
    @Autowired
    Inbox inbox;
    @Autowired
    MeterRegistry meters;
    @Autowired
    EventConsumers consumers;
    @LocalManagementPort
    int managementPort;

    @BeforeEach
    void emptyDeadLetterQueue() {
        admin.purgeQueue(DLQ, false);
        admin.purgeQueue(BATCH_DLQ, false);
    }

    @Test
    void appliesAnEventAndSkipsItsDuplicateDelivery() {
        String name = unique("dup");
        EventEnvelope<Probe> event = EventEnvelope.of(MessagingTestApplication.PROBE, new Actor("u-1", "Ada"),
                new Probe(name, "ok"));
        double duplicatesBefore = count("inetpublish.events.duplicates");

        send(json.writeValueAsBytes(event), event.eventId().toString());
        send(json.writeValueAsBytes(event), event.eventId().toString());

        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("inetpublish.events.duplicates") >= duplicatesBefore + 1);
        assertThat(probes.effects(name)).isEqualTo(1);
        assertThat(probes.calls(name)).isEqualTo(1);
        assertThat(inbox.contains(CONSUMER, event.eventId())).isTrue();
    }

    @Test
    void retriesATransientFailureWithBackoffThenAppliesOnce() {
        String name = unique("transient");
        double retriedBefore = count("inetpublish.events.retried");

        send(envelope(name, "transient:2"), null);

        await().atMost(Duration.ofSeconds(15)).until(() -> probes.effects(name) == 1);
        assertThat(probes.calls(name)).isEqualTo(3);
        assertThat(count("inetpublish.events.retried")).isGreaterThanOrEqualTo(retriedBefore + 2);
        assertThat(deadLetterQueueJson()).doesNotContain(name);
    }

    @Test
    void deadLettersAnEventThatFailsEveryTimeAndReplaysItOnceFixed() {
        String name = unique("broken");
        byte[] body = envelope(name, "broken");
        String eventId = json.readTree(body).get("eventId").asString();

        send(body, eventId);

        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetterQueueJson().contains(eventId));
        assertThat(probes.calls(name)).isEqualTo(4);
        assertThat(probes.effects(name)).isZero();
        // a peek puts the messages back; one that is being put back is not listed yet
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deadLetters())
                    .hasPathSatisfying("$.consumers[?(@.consumer == '" + CONSUMER + "')].messageCount",
                            v -> v.assertThat().asArray().containsExactly(1))
                    .hasPathSatisfying("$.consumers[0].messages[?(@.eventId == '" + eventId + "')].reason",
                            v -> v.assertThat().asArray().singleElement().asString().contains("exhausted"))
                    .hasPathSatisfying("$.consumers[0].messages[?(@.eventId == '" + eventId + "')].attempts",
                            v -> v.assertThat().asArray().containsExactly(4))
                    .hasPathSatisfying("$.consumers[0].messages[?(@.eventId == '" + eventId + "')].error",
                            v -> v.assertThat().asArray().singleElement().asString().contains("is broken")));
        // peeking left the message where it was
        assertThat(deadLetterQueueJson()).contains(eventId);

        probes.fix(name);
        assertThat(replayAfterPeek("{\"consumer\":\"" + CONSUMER + "\",\"eventId\":\"" + eventId + "\"}"))
                .isEqualTo(new PlainHttp.Response(200, "{\"replayed\":1}"));

        await().atMost(Duration.ofSeconds(10)).until(() -> probes.effects(name) == 1);
        assertThat(deadLetterQueueJson()).doesNotContain(eventId);
    }

    /**
     * Events waiting in the queue are applied in batches, one transaction each; a batch with an event that fails is
     * rolled back whole and each of its events goes alone: the good ones are applied once, the bad one is
     * dead-lettered, and nothing of the failed batch transaction stays.
     */
    @Test
    void appliesWaitingEventsInBatchesAndAFailingOneAlone() {
        String prefix = unique("batch");
        String rejected = prefix + "-rejected";
        double splitsBefore = meters.find("inetpublish.events.batch.split").tag("consumer", CONSUMER).counters()
                .stream().mapToDouble(Counter::count).sum();
        String rejectedId;
        consumers.stop();
        try {
            for (int i = 0; i < 15; i++) {
                send(envelope(prefix + "-" + i, "ok"), null);
            }
            byte[] bad = envelope(rejected, "reject");
            rejectedId = json.readTree(bad).get("eventId").asString();
            send(bad, rejectedId);
            for (int i = 15; i < 30; i++) {
                send(envelope(prefix + "-" + i, "ok"), null);
            }
        } finally {
            consumers.start();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetterQueueJson().contains(rejectedId));
        for (int i = 0; i < 30; i++) {
            String name = prefix + "-" + i;
            await().atMost(Duration.ofSeconds(10)).until(() -> probes.effects(name) == 1);
        }
        assertThat(probes.effects(rejected)).isZero();
        // the batch that held the rejected event was tried once together, then each of its events alone
        assertThat(probes.calls(rejected)).isEqualTo(2);
        assertThat(meters.find("inetpublish.events.batch.split").tag("consumer", CONSUMER).counters().stream()
                .mapToDouble(Counter::count).sum()).isEqualTo(splitsBefore + 1);
        assertThat(meters.find("inetpublish.events.batch").tag("consumer", CONSUMER).summaries().stream()
                .mapToDouble(DistributionSummary::max).max().orElse(0)).isGreaterThan(1);
    }

    /**
     * A type handled in batches gets the consecutive first deliveries of a batch in one call, in order; a delivery of
     * the queue's other type between them ends the run, and so does nothing else (a duplicate is left out). A batch
     * whose handler refuses is rolled back whole and every event goes alone: the refused one is dead-lettered, the
     * others are applied once, and the committed effects are in the order the events were sent.
     */
    @Test
    void handsConsecutiveEventsOfABatchTypeOverTogetherInOrder() {
        String prefix = unique("run");
        List<String> sent = new ArrayList<>();
        List<EventEnvelope<Probe>> queued = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String name = prefix + "-" + i;
            queued.add(i == 8 ? probe(MessagingTestApplication.SINGLE_PROBE, name, "ok")
                    : probe(MessagingTestApplication.BATCH_PROBE, name, i == 12 ? "reject" : "ok"));
            if (i != 12) {
                sent.add(name);
            }
        }
        queued.add(12, queued.get(2)); // the same event again
        String rejectedId = queued.get(13).eventId().toString();
        consumers.stop();
        try {
            events.publishInOrder(queued);
        } finally {
            consumers.start();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetterQueueJson().contains(rejectedId));
        await().atMost(Duration.ofSeconds(10)).until(() -> batchProbes.effectsInOrder(prefix + "-").size() == 15);
        // every event applied once (the duplicate of -2 too), in the order sent; nothing of the refused one
        assertThat(batchProbes.effectsInOrder(prefix + "-")).containsExactlyElementsOf(sent);
        List<List<String>> calls = batchProbes.calls().stream()
                .filter(call -> call.getFirst().startsWith(prefix + "-")).toList();
        // batches reached the handler
        assertThat(calls).anySatisfy(call -> assertThat(call).hasSizeGreaterThan(1));
        for (List<String> call : calls) {
            // a run never spans the single-type event, never holds a name twice, and keeps the order sent
            List<Integer> numbers = call.stream().map(name -> Integer.parseInt(name.substring(prefix.length() + 1)))
                    .toList();
            assertThat(numbers).doesNotHaveDuplicates().isSorted();
            assertThat(numbers.equals(List.of(8)) || numbers.stream().allMatch(n -> n < 8)
                    || numbers.stream().allMatch(n -> n > 8)).as("handed over together: %s", call).isTrue();
        }
        // the refused event was in a batch once, then alone once
        assertThat(calls.stream().filter(call -> call.contains(prefix + "-12")).map(List::size).toList())
                .hasSize(2).last().isEqualTo(1);
    }

    @Test
    void replayOfAnUnknownConsumerIsABadRequest() {
        assertThat(replay("{\"consumer\":\"no-such-service.nothing\"}").status()).isEqualTo(400);
    }

    @Test
    void deadLettersARejectedEventWithoutRetrying() {
        String name = unique("reject");
        byte[] body = envelope(name, "reject");
        String eventId = json.readTree(body).get("eventId").asString();

        send(body, eventId);

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetterQueueJson().contains(eventId));
        assertThat(probes.calls(name)).isEqualTo(1);
        assertThat(probes.effects(name)).isZero();
        assertThat(deadLetterQueueJson()).contains("\"reason\":\"rejected\"");

        // sending everything back: the rejection happens again, and the event is back in the DLQ
        assertThat(replayAfterPeek("{}")).isEqualTo(new PlainHttp.Response(200, "{\"replayed\":1}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> probes.calls(name) == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetterQueueJson().contains(eventId));
        assertThat(probes.effects(name)).isZero();
    }

    @Test
    void deadLettersUnreadableMessagesAtOnceAndKeepsTheQueueFlowing() {
        String garbageId = unique("garbage");
        String noEnvelopeId = unique("no-envelope");
        String wrongPayloadId = unique("wrong-payload");
        String name = unique("after-garbage");
        double unreadableBefore = meters.find("inetpublish.events.dead.lettered").tag("consumer", CONSUMER)
                .tag("reason", "unreadable").counters().stream().mapToDouble(Counter::count).sum();

        send("{this is not json".getBytes(StandardCharsets.UTF_8), garbageId);
        send("{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8), noEnvelopeId);
        send(("{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"probe.event\","
                + "\"occurredAt\":\"2025-01-01T00:00:00Z\",\"actor\":{\"userId\":\"u\",\"name\":\"n\"},"
                + "\"payload\":[1,2,3]}").getBytes(StandardCharsets.UTF_8), wrongPayloadId);
        send(envelope(name, "ok"), null);

        await().atMost(Duration.ofSeconds(10)).until(() -> probes.effects(name) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            String dlq = deadLetterQueueJson();
            return dlq.contains(garbageId) && dlq.contains(noEnvelopeId) && dlq.contains(wrongPayloadId);
        });
        // a peek puts the messages back; one that is being put back is not listed yet
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deadLetters())
                    .hasPathSatisfying("$.consumers[0].messages[?(@.eventId == '" + garbageId + "')].reason",
                            v -> v.assertThat().asArray().singleElement().asString().contains("unreadable"))
                    .hasPathSatisfying("$.consumers[0].messages[?(@.eventId == '" + garbageId + "')].attempts",
                            v -> v.assertThat().asArray().containsExactly(1))
                    .hasPathSatisfying("$.consumers[0].messages[?(@.eventId == '" + garbageId + "')].body",
                            v -> v.assertThat().asArray().singleElement().asString().contains("{this is not json")));
        assertThat(meters.find("inetpublish.events.dead.lettered").tag("consumer", CONSUMER)
                .tag("reason", "unreadable").counters().stream().mapToDouble(Counter::count).sum())
                .isEqualTo(unreadableBefore + 3);
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        String name = unique("newer-producer");
        UUID eventId = UUID.randomUUID();
        String body = "{\"eventId\":\"" + eventId + "\",\"type\":\"probe.event\",\"occurredAt\":"
                + "\"2025-01-01T00:00:00Z\",\"actor\":{\"userId\":\"u-2\",\"name\":\"Grace\",\"team\":\"ops\"},"
                + "\"traceId\":\"abc\",\"payload\":{\"name\":\"" + name + "\",\"mode\":\"ok\","
                + "\"addedInVersion2\":{\"nested\":[1,2]}}}";

        send(body.getBytes(StandardCharsets.UTF_8), eventId.toString());

        await().atMost(Duration.ofSeconds(10)).until(() -> probes.effects(name) == 1);
        assertThat(inbox.contains(CONSUMER, eventId)).isTrue();
    }

    @Test
    void exposesConsumerMetricsTaggedWithTheApplication() {
        String name = unique("metrics");
        send(envelope(name, "ok"), null);
        await().atMost(Duration.ofSeconds(10)).until(() -> probes.effects(name) == 1);

        assertThat(management().get("/actuator/prometheus").body())
                .contains("inetpublish_events_consumed_total{application=\"messaging-test\",consumer=\"" + CONSUMER
                        + "\",type=\"probe.event\"}")
                .contains("inetpublish_events_dead_letters{application=\"messaging-test\",consumer=\"" + CONSUMER
                        + "\"}")
                .contains("inetpublish_outbox_backlog{application=\"messaging-test\"}")
                .contains("inetpublish_outbox_oldest_pending_age_seconds{application=\"messaging-test\"}");
    }

    private static EventEnvelope<Probe> probe(String type, String name, String mode) {
        return EventEnvelope.of(type, new Actor("u-1", "Ada"), new Probe(name, mode));
    }

    private byte[] envelope(String name, String mode) {
        return json.writeValueAsBytes(EventEnvelope.of(MessagingTestApplication.PROBE, new Actor("u-1", "Ada"),
                new Probe(name, mode)));
    }

    /** A probe event's body as a relay would send it, or as no relay would (no message id, not an envelope). */
    private void send(byte[] body, String messageId) {
        events.send(MessagingTestApplication.PROBE, body, messageId);
    }

    /** The operator's view of the dead letters: an ADMIN on the management port. */
    private JsonContent deadLetters() {
        PlainHttp.Response listed = management().get("/actuator/deadletters", TestTokens.accessToken(Role.ADMIN));
        assertThat(listed.status()).isEqualTo(200);
        return new JsonContent(listed.body());
    }

    private PlainHttp.Response replay(String json) {
        return management().post("/actuator/deadletters", json, TestTokens.accessToken(Role.ADMIN));
    }

    /**
     * A replay right after the test peeked at the dead letters: the peek gives them back with a nack-and-requeue that
     * the broker applies asynchronously, and a replay that counts the queue before they are back moves nothing
     * ({"replayed":0}; seen on a loaded machine). Moving nothing changes nothing, so it is asked again until it moves
     * something, for at most 5 s.
     */
    private PlainHttp.Response replayAfterPeek(String json) {
        return await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> replay(json), answer -> !answer.body().contains("\"replayed\":0"));
    }

    private PlainHttp management() {
        return new PlainHttp(managementPort);
    }

    private String deadLetterQueueJson() {
        return management().get("/actuator/deadletters", TestTokens.accessToken(Role.ADMIN)).body();
    }

    private double count(String meter) {
        return meters.find(meter).tag("consumer", CONSUMER).counters().stream().mapToDouble(Counter::count).sum();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
