package io.inetpublish.customer.sync;

import static io.inetpublish.customer.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.BuildResult;
import io.inetpublish.common.event.ComponentVersion;
import io.inetpublish.common.event.EnvironmentVersionsSynced;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.event.ReleaseDeployed;
import io.inetpublish.common.event.SyncSource;
import io.inetpublish.common.event.UpdateType;
import io.inetpublish.common.messaging.EventCodec;
import io.inetpublish.common.test.RelayedEvents;
import io.inetpublish.common.test.ServiceIntegrationTest;
import io.inetpublish.customer.support.CustomerItSupport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Flows 2 and 3 from customer-service's side: the events release-service and build-service publish are put on the
 * exchange exactly as those services publish them, and the effect is read back through this service's API —
 * versions, history with its source, the operation log, and the {@code environment.versions-synced} answer.
 */
@ServiceIntegrationTest
class VersionSyncFlowIT extends CustomerItSupport {

    static final String CONSUMER = "customer-service.version-sync";
    static final Actor ACTOR = new Actor("ou_deployer", "Mei Deployer");

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    RelayedEvents events;
    @Autowired
    MeterRegistry meters;

    @Test
    void aRecordedCustomerDeploymentSyncsEachEnvironmentOnceAndAnswersWithVersionsSynced() {
        UUID customer = fx.customer(unique("Cust"), "ou_owner");
        UUID prod = fx.environment(customer, unique("prod"), "PROD");
        UUID staging = fx.environment(customer, unique("staging"), "OTHER");
        String gateway = fx.component("2.4.0");
        String billing = fx.component(null);
        fx.install(prod, gateway, "2.3.0");
        String synced = events.watch(EventTypes.ENVIRONMENT_VERSIONS_SYNCED);
        UUID deploymentId = UUID.randomUUID();
        UUID releaseId = UUID.randomUUID();
        EventEnvelope<ReleaseDeployed> event = EventEnvelope.of(EventTypes.RELEASE_DEPLOYED, ACTOR,
                ReleaseDeployed.deploy(deploymentId, Instant.now()).release(releaseId, "R-9001", "Autumn release")
                        .customer(customer).update(UpdateType.HOT, true).targets(List.of(
                                new ReleaseDeployed.Target(prod, List.of(new ComponentVersion(gateway, "2.4.0"),
                                        new ComponentVersion(billing, "1.0.0"))),
                                new ReleaseDeployed.Target(staging, List.of(new ComponentVersion(gateway,
                                        "2.4.0")))))
                        .build());

        events.publish(event);

        await().atMost(Duration.ofSeconds(15)).until(() -> version(prod, gateway).equals("2.4.0")
                && version(staging, gateway).equals("2.4.0"));
        assertThat(version(prod, billing)).isEqualTo("1.0.0");
        JsonNode history = fx.get("/api/environments/{id}/components/{c}/history", prod, gateway);
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("from").asString()).isEqualTo("2.3.0");
        assertThat(history.get(0).get("to").asString()).isEqualTo("2.4.0");
        assertThat(history.get(0).get("source").asString()).isEqualTo("CUSTOMER_DEPLOYMENT");
        assertThat(history.get(0).get("releaseNumber").asString()).isEqualTo("R-9001");
        JsonNode log = fx.get("/api/operation-logs?environmentId={id}&action=VERSIONS_SYNCED", prod).get("items");
        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("updateType").asString()).isEqualTo("HOT");
        assertThat(log.get(0).get("configChange").asBoolean()).isTrue();
        assertThat(log.get(0).get("actor").get("name").asString()).isEqualTo("Mei Deployer");
        assertThat(log.get(0).get("source").asString()).isEqualTo("CUSTOMER_DEPLOYMENT");

        List<EventEnvelope<EnvironmentVersionsSynced>> answers = receive(synced, deploymentId, 2);
        assertThat(answers).extracting(a -> a.payload().environmentId()).containsExactlyInAnyOrder(prod, staging);
        EnvironmentVersionsSynced prodAnswer = answers.stream().map(EventEnvelope::payload)
                .filter(p -> p.environmentId().equals(prod)).findFirst().orElseThrow();
        assertThat(prodAnswer.source()).isEqualTo(SyncSource.CUSTOMER_DEPLOYMENT);
        assertThat(prodAnswer.customerOwner()).isEqualTo("owner-ou_owner");
        assertThat(prodAnswer.changes()).containsExactlyInAnyOrder(
                new EnvironmentVersionsSynced.Change(gateway, "2.3.0", "2.4.0"),
                new EnvironmentVersionsSynced.Change(billing, null, "1.0.0"));
        assertThat(answers).allSatisfy(a -> assertThat(a.actor()).isEqualTo(ACTOR));

        // the same event again (a redelivery) changes nothing and publishes nothing
        double duplicates = count("inetpublish.events.duplicates");
        events.publish(event);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("inetpublish.events.duplicates") > duplicates);
        assertThat(fx.get("/api/environments/{id}/components/{c}/history", prod, gateway)).hasSize(2);
        assertThat(fx.get("/api/operation-logs?environmentId={id}&action=VERSIONS_SYNCED", prod).get("items")).hasSize(1);
        // nothing more for this deployment (events of other tests' syncs may still pass by on the shared exchange)
        assertThat(receive(synced, deploymentId, 1, 2_000)).isEmpty();
    }

    @Test
    void aRollbackIsRecordedAsARollback() {
        UUID prod = fx.environment("PROD");
        String gateway = fx.component(null);
        fx.install(prod, gateway, "3.0.0");

        events.publish(EventEnvelope.of(EventTypes.RELEASE_DEPLOYED, ACTOR,
                ReleaseDeployed.rollback(UUID.randomUUID(), Instant.now())
                        .release(UUID.randomUUID(), "R-8000", "Summer release").update(UpdateType.RE, false)
                        .targets(List.of(new ReleaseDeployed.Target(prod, List.of(new ComponentVersion(gateway,
                                "2.9.0"))))).build()));

        await().atMost(Duration.ofSeconds(15)).until(() -> version(prod, gateway).equals("2.9.0"));
        assertThat(fx.get("/api/environments/{id}/components/{c}/history", prod, gateway).get(0).get("source")
                .asString()).isEqualTo("ROLLBACK");
    }

    @Test
    void aSuccessfulTestDeploymentSyncsItsTestEnvironmentAndBuildsThatDidNotCompleteChangeNothing() {
        UUID test = fx.environment("TEST");
        UUID failedTarget = fx.environment("TEST");
        String gateway = fx.component(null);
        UUID buildId = UUID.randomUUID();
        double consumed = count("inetpublish.events.consumed");

        events.publish(EventEnvelope.of(EventTypes.BUILD_FINISHED, ACTOR,
                testDeployment(BuildResult.FAILURE, failedTarget, gateway, "9.9.9")));
        events.publish(EventEnvelope.of(EventTypes.BUILD_FINISHED, ACTOR,
                BuildFinished.releasePackage(UUID.randomUUID(), BuildResult.SUCCESS).release(UUID.randomUUID(), "R-1",
                        "t").items(List.of(new ComponentVersion(gateway, "9.9.9"))).build()));
        events.publish(EventEnvelope.of(EventTypes.BUILD_FINISHED, ACTOR,
                BuildFinished.testDeployment(buildId, BuildResult.SUCCESS, test, "test-1")
                        .release(UUID.randomUUID(), "R-9100", "Winter release")
                        .jenkins(44, "http://jenkins/job/deploy/44/")
                        .items(List.of(new ComponentVersion(gateway, "5.1.0"))).build()));

        await().atMost(Duration.ofSeconds(15)).until(() -> version(test, gateway).equals("5.1.0"));
        await().atMost(Duration.ofSeconds(10)).until(() -> count("inetpublish.events.consumed") >= consumed + 3);
        JsonNode history = fx.get("/api/environments/{id}/components/{c}/history", test, gateway);
        assertThat(history.get(0).get("source").asString()).isEqualTo("TEST_DEPLOYMENT");
        assertThat(history.get(0).get("releaseNumber").asString()).isEqualTo("R-9100");
        assertThat(fx.get("/api/environments/{id}/components", failedTarget)).isEmpty();
    }

    /**
     * UNSTABLE means the deployment ran to its end with warnings (docs/events.md, "Results"): the test environment
     * runs the record's versions, so they are synced as for SUCCESS; the operation log keeps the result.
     */
    @Test
    void anUnstableTestDeploymentSyncsItsTestEnvironmentToo() {
        UUID test = fx.environment("TEST");
        String gateway = fx.component(null);
        fx.install(test, gateway, "5.0.0");

        events.publish(EventEnvelope.of(EventTypes.BUILD_FINISHED, ACTOR,
                testDeployment(BuildResult.UNSTABLE, test, gateway, "5.2.0")));

        await().atMost(Duration.ofSeconds(15)).until(() -> version(test, gateway).equals("5.2.0"));
        JsonNode history = fx.get("/api/environments/{id}/components/{c}/history", test, gateway);
        assertThat(history.get(0).get("source").asString()).isEqualTo("TEST_DEPLOYMENT");
        assertThat(history.get(0).get("from").asString()).isEqualTo("5.0.0");
    }

    /**
     * A deployment of a kind this version does not know (a newer release-service added one) reads with a null kind;
     * applying it could be wrong, so it is dead-lettered at once, for a replay after the upgrade, and nothing moves.
     */
    @Test
    void aDeploymentOfAKindThisVersionDoesNotKnowIsDeadLetteredAndChangesNothing() {
        UUID prod = fx.environment("PROD");
        String gateway = fx.component(null);
        fx.install(prod, gateway, "3.0.0");
        double rejected = meters.find("inetpublish.events.dead.lettered").tag("consumer", CONSUMER)
                .tag("reason", "rejected").counters().stream().mapToDouble(Counter::count).sum();
        EventEnvelope<ReleaseDeployed> deployed = EventEnvelope.of(EventTypes.RELEASE_DEPLOYED, ACTOR,
                ReleaseDeployed.deploy(UUID.randomUUID(), Instant.now()).release(UUID.randomUUID(), "R-8100", "t")
                        .update(UpdateType.HOT, false).targets(List.of(new ReleaseDeployed.Target(prod,
                                List.of(new ComponentVersion(gateway, "3.1.0"))))).build());
        byte[] newer = new String(json.writeValueAsBytes(deployed), StandardCharsets.UTF_8)
                .replace("\"kind\":\"DEPLOY\"", "\"kind\":\"CANARY\"").getBytes(StandardCharsets.UTF_8);

        events.send(EventTypes.RELEASE_DEPLOYED, newer, deployed.eventId());

        await().atMost(Duration.ofSeconds(15)).until(() -> meters.find("inetpublish.events.dead.lettered")
                .tag("consumer", CONSUMER).tag("reason", "rejected").counters().stream()
                .mapToDouble(Counter::count).sum() > rejected);
        assertThat(version(prod, gateway)).isEqualTo("3.0.0");
    }

    private static BuildFinished testDeployment(BuildResult result, UUID environment, String component,
            String version) {
        return BuildFinished.testDeployment(UUID.randomUUID(), result, environment, "test")
                .release(UUID.randomUUID(), "R-1", "t").jenkins(1, null)
                .items(List.of(new ComponentVersion(component, version))).build();
    }

    private String version(UUID environment, String component) {
        for (JsonNode installed : fx.get("/api/environments/{id}/components", environment)) {
            if (installed.get("component").asString().equals(component)) {
                return installed.get("version").asString();
            }
        }
        return "";
    }

    private List<EventEnvelope<EnvironmentVersionsSynced>> receive(String queue, UUID deploymentId, int expected) {
        return receive(queue, deploymentId, expected, 15_000);
    }

    private List<EventEnvelope<EnvironmentVersionsSynced>> receive(String queue, UUID deploymentId, int expected,
            long waitMillis) {
        EventCodec codec = new EventCodec(json);
        List<EventEnvelope<EnvironmentVersionsSynced>> found = new ArrayList<>();
        long deadline = System.currentTimeMillis() + waitMillis;
        while (found.size() < expected && System.currentTimeMillis() < deadline) {
            Message message = rabbit.receive(queue, 1000);
            if (message != null) {
                EventEnvelope<EnvironmentVersionsSynced> event = codec.read(message.getBody(),
                        EnvironmentVersionsSynced.class);
                if (event.payload().deploymentId().equals(deploymentId)) {
                    found.add(event);
                }
            }
        }
        return found;
    }

    private double count(String meter) {
        return meters.find(meter).tag("consumer", CONSUMER).counters().stream().mapToDouble(Counter::count).sum();
    }
}
