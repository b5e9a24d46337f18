package io.inetpublish.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.i18n.StoredText;
import io.inetpublish.common.messaging.EventCodec;
import io.inetpublish.common.messaging.UnreadableEventException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.json.JsonTest;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON is the contract between services: every event record survives the trip producer → JSON → consumer with the
 * application's own mapper, field names stay stable, and a consumer ignores fields a newer producer added (and reads
 * a field an older producer did not send as null).
 */
@JsonTest
class EventContractJsonTest {

    static final UUID RELEASE = UUID.fromString("6f1c8a52-0d5e-4bd0-9b7a-5d8f0c2e1a01");
    static final UUID ENVIRONMENT = UUID.fromString("0b7e3f7c-8c69-4d4a-a5a1-9f0f0d4cfa02");
    static final UUID CUSTOMER = UUID.fromString("3d9e6b7a-1f2c-4c3d-8e9f-a0b1c2d3e403");
    static final List<ComponentVersion> ITEMS = List.of(new ComponentVersion("gateway", "2.3.1"),
            new ComponentVersion("billing", "1.0.0-rc.2"));

    @Configuration(proxyBeanMethods = false)
    static class Config {
    }

    @Autowired
    JsonMapper json;

    static Stream<Arguments> events() {
        Instant at = Instant.parse("2025-06-01T08:30:15.123456Z");
        return Stream.of(
                Arguments.of(EventTypes.RELEASE_SUBMITTED, new ReleaseSubmitted(ReleaseSubmitted.SCHEMA_VERSION,
                        RELEASE, "R-2025-0042", "June release", UpdateType.HOT, true, ITEMS)),
                Arguments.of(EventTypes.RELEASE_DEPLOYED, ReleaseDeployed.deploy(UUID.randomUUID(), at)
                        .release(RELEASE, "R-2025-0042", "June release").customer(CUSTOMER)
                        .update(UpdateType.DEV, false).targets(List.of(new ReleaseDeployed.Target(ENVIRONMENT, ITEMS)))
                        .build()),
                Arguments.of(EventTypes.ENVIRONMENT_VERSIONS_SYNCED, EnvironmentVersionsSynced.synced(
                        UUID.randomUUID(), SyncSource.CUSTOMER_DEPLOYMENT, ENVIRONMENT, "prod-eu")
                        .release(RELEASE, "R-2025-0042").customer(CUSTOMER, "ACME", "ou_123")
                        .changes(List.of(new EnvironmentVersionsSynced.Change("gateway", null, "2.3.1"),
                                new EnvironmentVersionsSynced.Change("billing", "0.9.0", "1.0.0-rc.2")))
                        .build()),
                Arguments.of(EventTypes.BUILD_STARTED, BuildStarted.of(
                        UUID.randomUUID(), BuildType.PACKAGE, RELEASE, "R-2025-0042", null, 17,
                        "http://jenkins/job/package/17/", ITEMS)),
                Arguments.of(EventTypes.BUILD_FINISHED, BuildFinished.testDeployment(
                        UUID.randomUUID(), BuildResult.SUCCESS, ENVIRONMENT, "test-1")
                        .release(RELEASE, "R-2025-0042", "June release")
                        .jenkins(18, "http://jenkins/job/deploy/18/").items(ITEMS)
                        .artifacts(List.of(new BuildFinished.Artifact("bundle.tgz", "out/bundle.tgz", 1024L, "ab12",
                                "/api/builds/x/artifacts/bundle.tgz"))).build()),
                Arguments.of(EventTypes.SCHEDULE_DUE, new ScheduleDue(ScheduleDue.SCHEMA_VERSION, UUID.randomUUID(),
                        ScheduleDue.Phase.DUE_SOON, "Quarterly update", at, CUSTOMER, "ACME", List.of(ENVIRONMENT), "u-9", "Kim",
                        "ou_123")),
                Arguments.of(EventTypes.CUSTOMER_ARCHIVED, new CustomerArchived(CustomerArchived.SCHEMA_VERSION,
                        CUSTOMER, "ACME")),
                Arguments.of(EventTypes.RELEASE_EDITED, AuditEvent.builder(AuditEvent.Kind.RELEASE, Action.RELEASE_EDITED)
                        .target(RELEASE, "R-2025-0042").change("title", "June", "June release")
                        .version("gateway", "2.3.0", "2.3.1").release(RELEASE, "R-2025-0042").build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void everyEventSurvivesTheRoundTrip(String type, Record payload) {
        EventEnvelope<Record> sent = EventEnvelope.of(type, new Actor("u-1", "Ada Lovelace"), payload);

        byte[] wire = json.writeValueAsBytes(sent);

        EventEnvelope<? extends Record> received = new EventCodec(json).read(wire, payload.getClass());
        assertThat(received).isEqualTo(sent);
        JsonNode tree = json.readTree(wire);
        assertThat(tree.get("eventId").asString()).isEqualTo(sent.eventId().toString());
        assertThat(tree.get("type").asString()).isEqualTo(type);
        assertThat(tree.get("occurredAt").isString()).as("occurredAt is an ISO-8601 string").isTrue();
        assertThat(tree.at("/actor/userId").asString()).isEqualTo("u-1");
        assertThat(tree.at("/payload/schemaVersion").asInt()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void aConsumerIgnoresFieldsANewerProducerAdded(String type, Record payload) {
        EventEnvelope<Record> sent = EventEnvelope.of(type, new Actor("u-1", "Ada"), payload);
        ObjectNode tree = (ObjectNode) json.readTree(json.writeValueAsBytes(sent));
        tree.put("traceId", "4bf92f3577b34da6");
        ((ObjectNode) tree.get("actor")).put("email", "ada@example.com");
        ((ObjectNode) tree.get("payload")).put("priority", "HIGH");
        ((ObjectNode) tree.get("payload")).putObject("addedInSchemaVersion2").put("nested", true);

        EventEnvelope<? extends Record> received = new EventCodec(json)
                .read(json.writeValueAsBytes(tree), payload.getClass());

        assertThat(received).isEqualTo(sent);
    }

    @Test
    void anAuditEventKeepsItsFieldNamesAndLeavesOutWhatDidNotChange() {
        AuditEvent event = AuditEvent.builder(AuditEvent.Kind.USER, Action.USER_ROLE_CHANGED).target("ou_li", "Li Si")
                .change("role", "VIEWER", "TESTER").change("name", "Li Si", "Li Si").version("gateway", "1", "1")
                .fact("reason", null).fact("sessionsEnded", 2).build();

        JsonNode tree = json.readTree(json.writeValueAsBytes(event));

        assertThat(tree.at("/action").asString()).isEqualTo("USER_ROLE_CHANGED");
        assertThat(tree.at("/target/kind").asString()).isEqualTo("USER");
        assertThat(json.treeToValue(tree, AuditEvent.class)).isEqualTo(event);
        assertThat(tree.at("/target/id").asString()).isEqualTo("ou_li");
        assertThat(tree.at("/target/name").asString()).isEqualTo("Li Si");
        assertThat(tree.at("/changes")).hasSize(1);
        assertThat(tree.at("/changes/0/field").asString()).isEqualTo("role");
        assertThat(tree.at("/changes/0/from").asString()).isEqualTo("VIEWER");
        assertThat(tree.at("/changes/0/to").asString()).isEqualTo("TESTER");
        assertThat(tree.at("/versions")).isEmpty();
        assertThat(tree.at("/facts").size()).isEqualTo(1);
        assertThat(tree.at("/facts/sessionsEnded").asString()).isEqualTo("2");
    }

    @Test
    void aFieldAnOlderProducerDidNotSendReadsAsNull() {
        String wire = """
                {"eventId":"%s","type":"build.finished","occurredAt":"2025-06-01T08:30:15Z",
                 "actor":{"userId":"u-1","name":"Ada"},
                 "payload":{"schemaVersion":1,"buildId":"%s","buildType":"PACKAGE","result":"FAILURE",
                            "releaseId":"%s","releaseNumber":"R-1"}}
                """.formatted(UUID.randomUUID(), UUID.randomUUID(), RELEASE);

        BuildFinished payload = new EventCodec(json).read(wire.getBytes(StandardCharsets.UTF_8),
                BuildFinished.class).payload();

        assertThat(payload.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(payload.releaseId()).isEqualTo(RELEASE);
        assertThat(payload.items()).isNull();
        assertThat(payload.jenkinsBuildNumber()).isNull();
    }

    @Test
    void aMissingPrimitiveFieldReadsAsItsDefault() {
        String wire = """
                {"eventId":"%s","type":"release.deployed","occurredAt":"2025-06-01T08:30:15Z",
                 "actor":{"userId":"u-1","name":"Ada"},
                 "payload":{"schemaVersion":1,"deploymentId":"%s","kind":"DEPLOY","releaseId":"%s","targets":[]}}
                """.formatted(UUID.randomUUID(), UUID.randomUUID(), RELEASE);

        ReleaseDeployed payload = new EventCodec(json).read(wire.getBytes(StandardCharsets.UTF_8),
                ReleaseDeployed.class).payload();

        assertThat(payload.configChange()).isFalse();
        assertThat(payload.targets()).isEmpty();
    }

    @Test
    void documentsTheFieldNamesOfBuildFinished() {
        BuildFinished payload = (BuildFinished) events().filter(a -> a.get()[1] instanceof BuildFinished)
                .findFirst().orElseThrow().get()[1];

        JsonNode tree = json.readTree(json.writeValueAsBytes(payload));

        assertThat(tree.propertyNames()).containsExactlyInAnyOrder("schemaVersion", "buildId", "buildType",
                "result", "reason", "releaseId", "releaseNumber", "releaseTitle", "environmentId",
                "environmentName", "jenkinsBuildNumber", "jenkinsUrl", "items", "artifacts", "customerName", "plan",
                "releases", "manifestPath");
        assertThat(tree.at("/items/0/component").asString()).isEqualTo("gateway");
        JsonNode failed = json.readTree(json.writeValueAsBytes(BuildFinished.releasePackage(UUID.randomUUID(),
                BuildResult.LOST).reason(StoredText.of("build.reason.gave-up", 3, StoredText.of("jenkins.busy")),
                "Gave up after 3 failed attempts to reach the build in Jenkins: Too many calls to Jenkins at once; please"
                        + " try again shortly").build()));
        assertThat(failed.get("reasonText").toString())
                .isEqualTo("{\"code\":\"build.reason.gave-up\",\"args\":[3,{\"code\":\"jenkins.busy\",\"args\":[]}]}");
        assertThat(tree.at("/items/0/version").asString()).isEqualTo("2.3.1");
        assertThat(tree.at("/artifacts/0/downloadPath").asString()).isEqualTo("/api/builds/x/artifacts/bundle.tgz");
    }

    @Test
    void somethingThatIsNotAnEnvelopeIsUnreadable() {
        EventCodec codec = new EventCodec(json);

        assertThatThrownBy(() -> codec.readRaw("{oops".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableEventException.class);
        assertThatThrownBy(() -> codec.readRaw("{\"type\":\"build.finished\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("eventId");
        assertThatThrownBy(() -> codec.read(("{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"t\","
                + "\"occurredAt\":\"2025-01-01T00:00:00Z\",\"actor\":{\"userId\":\"u\",\"name\":\"n\"},"
                + "\"payload\":{\"schemaVersion\":\"one\"}}").getBytes(StandardCharsets.UTF_8), BuildFinished.class))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("BuildFinished");
    }
}
