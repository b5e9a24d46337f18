package io.inetpublish.customer.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.ComponentVersion;
import io.inetpublish.common.event.EnvironmentVersionsSynced;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.event.ReleaseDeployed;
import io.inetpublish.common.event.SyncSource;
import io.inetpublish.common.event.UpdateType;
import io.inetpublish.common.test.ServiceIntegrationTest;
import io.inetpublish.customer.support.CustomerItSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@ServiceIntegrationTest
class VersionSyncIT extends CustomerItSupport {

    @Autowired
    VersionSyncService sync;

    @Autowired
    JdbcTemplate jdbc;

    final Actor actor = new Actor("u-42", "Li Si");

    List<Map<String, Object>> outbox(UUID deploymentId) {
        return jdbc.queryForList("""
                select event_type, envelope::text as envelope from outbox_event
                where envelope -> 'payload' ->> 'deploymentId' = ? order by created_at
                """, deploymentId.toString());
    }

    @Test
    void syncsVersionsOfEachEnvironmentWithHistoryLogAndOneEventEach() {
        UUID prod = fx.environment("PROD");
        UUID dr = fx.environment("PROD");
        String gateway = fx.component("2.4.0");
        String brandNew = "new-" + UUID.randomUUID().toString().substring(0, 8);
        fx.install(prod, gateway, "2.3.9");
        UUID deployment = UUID.randomUUID();
        UUID release = UUID.randomUUID();

        List<EnvironmentVersionsSynced> synced = sync.apply(new SyncCommand(deployment, SyncSource.CUSTOMER_DEPLOYMENT,
                release, "R-2024-001", UpdateType.HOT, true, List.of(
                        new ReleaseDeployed.Target(prod, List.of(new ComponentVersion(gateway, "2.4.0"),
                                new ComponentVersion(brandNew, "1.0.0"))),
                        new ReleaseDeployed.Target(dr, List.of(new ComponentVersion(gateway, "2.4.0")))),
                actor));

        assertThat(synced).extracting(EnvironmentVersionsSynced::environmentId).containsExactly(prod, dr);
        assertThat(synced.get(0).changes()).containsExactly(
                new EnvironmentVersionsSynced.Change(gateway, "2.3.9", "2.4.0"),
                new EnvironmentVersionsSynced.Change(brandNew, null, "1.0.0"));

        JsonNode installed = fx.get("/api/environments/{id}/components", prod);
        assertThat(installed.findValuesAsString("version")).containsExactlyInAnyOrder("2.4.0", "1.0.0");
        assertThat(installed.findValuesAsString("releaseNumber")).containsOnly("R-2024-001");
        assertThat(fx.get("/api/components/{name}", brandNew).get("mainlineVersion").isNull()).isTrue();

        JsonNode history = fx.get("/api/environments/{id}/components/{c}/history", prod, gateway).get(0);
        assertThat(history.get("from").asString()).isEqualTo("2.3.9");
        assertThat(history.get("to").asString()).isEqualTo("2.4.0");
        assertThat(history.get("source").asString()).isEqualTo("CUSTOMER_DEPLOYMENT");
        assertThat(history.get("releaseId").asString()).isEqualTo(release.toString());
        assertThat(history.get("deploymentId").asString()).isEqualTo(deployment.toString());
        assertThat(history.get("actor").get("name").asString()).isEqualTo("Li Si");

        JsonNode log = fx.get("/api/operation-logs?environmentId=" + prod + "&action=VERSIONS_SYNCED");
        assertThat(log.get("totalItems").asInt()).isEqualTo(1);
        JsonNode entry = log.get("items").get(0);
        assertThat(entry.get("actor").get("name").asString()).isEqualTo("Li Si");
        assertThat(entry.get("updateType").asString()).isEqualTo("HOT");
        assertThat(entry.get("configChange").asBoolean()).isTrue();
        assertThat(entry.get("releaseNumber").asString()).isEqualTo("R-2024-001");
        assertThat(entry.get("changes")).hasSize(2);

        List<Map<String, Object>> events = outbox(deployment);
        assertThat(events).hasSize(2).allSatisfy(row -> assertThat(row.get("event_type"))
                .isEqualTo(EventTypes.ENVIRONMENT_VERSIONS_SYNCED));
        JsonNode envelope = json.readTree((String) events.get(0).get("envelope"));
        assertThat(envelope.get("actor").get("name").asString()).isEqualTo("Li Si");
        assertThat(envelope.get("payload").get("releaseNumber").asString()).isEqualTo("R-2024-001");
        assertThat(envelope.get("payload").get("customerOwner").asString()).startsWith("owner-");
        assertThat(envelope.get("payload").get("changes")).isNotEmpty();
    }

    @Test
    void appliesTheSameDeploymentOnlyOnce() {
        UUID env = fx.environment("TEST");
        String gateway = fx.component("1.0");
        UUID deployment = UUID.randomUUID();
        SyncCommand command = new SyncCommand(deployment, SyncSource.TEST_DEPLOYMENT, UUID.randomUUID(), "R-9", UpdateType.DEV, false,
                List.of(new ReleaseDeployed.Target(env, List.of(new ComponentVersion(gateway, "1.1")))), actor);

        assertThat(sync.apply(command)).hasSize(1);
        fx.send(mvc.put().uri("/api/environments/{id}/components/{c}", env, gateway)
                .contentType("application/json").content("{\"version\":\"1.2\"}").exchange(), 200);
        assertThat(sync.apply(command)).isEmpty();

        assertThat(fx.get("/api/environments/{id}/components", env).get(0).get("version").asString())
                .isEqualTo("1.2");
        assertThat(fx.get("/api/environments/{id}/components/{c}/history", env, gateway)).hasSize(2);
        assertThat(outbox(deployment)).hasSize(1);
        assertThat(fx.get("/api/operation-logs?environmentId=" + env + "&action=VERSIONS_SYNCED")
                .get("totalItems").asInt()).isEqualTo(1);
    }

    @Test
    void skipsAnUnknownEnvironmentAndSyncsTheOthers() {
        UUID env = fx.environment("PROD");
        String gateway = fx.component("1.0");
        UUID deployment = UUID.randomUUID();

        List<EnvironmentVersionsSynced> synced = sync.apply(new SyncCommand(deployment, SyncSource.ROLLBACK, null, null, null,
                false, List.of(new ReleaseDeployed.Target(UUID.randomUUID(), List.of(new ComponentVersion(gateway,
                        "0.9"))), new ReleaseDeployed.Target(env, List.of(new ComponentVersion(gateway, "0.9")))),
                actor));

        assertThat(synced).extracting(EnvironmentVersionsSynced::environmentId).containsExactly(env);
        assertThat(outbox(deployment)).hasSize(1);
        assertThat(fx.get("/api/environments/{id}/components/{c}/history", env, gateway).get(0).get("source")
                .asString()).isEqualTo("ROLLBACK");
    }

    @Test
    void refusesAMalformedCommandBeforeWritingAnything() {
        UUID env = fx.environment("PROD");
        String gateway = fx.component("1.0");
        UUID deployment = UUID.randomUUID();

        assertThatThrownBy(() -> sync.apply(new SyncCommand(deployment, SyncSource.CUSTOMER_DEPLOYMENT, null, null, null,
                false, List.of(new ReleaseDeployed.Target(env, List.of(new ComponentVersion(gateway, "1.0"),
                        new ComponentVersion(gateway + "-x", "not a version")))), actor)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sync.apply(new SyncCommand(deployment, null, null, null, null, false,
                List.of(), actor))).isInstanceOf(IllegalArgumentException.class);

        assertThat(fx.get("/api/environments/{id}/components", env)).isEmpty();
        assertThat(outbox(deployment)).isEmpty();
    }

    /**
     * A batch of commands (what the consumer hands over) gives exactly what applying them one after another gives:
     * versions, history, operation log and the answering events, with an environment deployed to twice, a
     * deployment that comes twice, an unknown environment, a version that does not change and a component the catalog
     * does not know yet. Twin environments take the same commands, one set in one call, the other one by one.
     */
    @Test
    void aBatchOfCommandsGivesWhatApplyingThemOneAfterAnotherGives() {
        String gateway = fx.component("1.0");
        String brandNew = "new-" + UUID.randomUUID().toString().substring(0, 8);
        List<UUID> batched = List.of(fx.environment("PROD"), fx.environment("PROD"));
        List<UUID> alone = List.of(fx.environment("PROD"), fx.environment("PROD"));
        fx.install(batched.get(0), gateway, "1.0");
        fx.install(alone.get(0), gateway, "1.0");

        List<SyncCommand> batch = twinCommands(batched, gateway, brandNew);
        List<SyncCommand> oneByOne = twinCommands(alone, gateway, brandNew);
        List<EnvironmentVersionsSynced> fromBatch = sync.applyAll(batch);
        List<EnvironmentVersionsSynced> fromSingles = oneByOne.stream().flatMap(c -> sync.apply(c).stream())
                .toList();

        assertThat(fromBatch).hasSize(5);
        assertThat(describe(fromBatch, batched)).containsExactlyElementsOf(describe(fromSingles, alone));
        assertThat(state(batched, batch)).isEqualTo(state(alone, oneByOne))
                .contains("0 " + gateway + " 1.1 R-4 Li Si", "1 " + gateway + " 2.0 R-1 Li Si",
                        "1 " + brandNew + " 1.0 R-1 Li Si");
        // a second delivery of the whole batch changes nothing
        assertThat(sync.applyAll(batch)).isEmpty();
        assertThat(state(batched, batch)).isEqualTo(state(alone, oneByOne));
    }

    /**
     * Per environment (0, 1 or an unknown one): d1 moves 0 and 1; d2 moves 0 again; d1 again for 0 (already applied
     * in the same batch); d3 to an unknown environment and 1, changing nothing there; d4 moves 0 back.
     */
    private List<SyncCommand> twinCommands(List<UUID> env, String gateway, String brandNew) {
        UUID d1 = UUID.randomUUID();
        UUID release = UUID.randomUUID();
        return List.of(
                new SyncCommand(d1, SyncSource.CUSTOMER_DEPLOYMENT, release, "R-1", UpdateType.HOT, false, List.of(
                        new ReleaseDeployed.Target(env.get(0), List.of(new ComponentVersion(gateway, "1.1"))),
                        new ReleaseDeployed.Target(env.get(1), List.of(new ComponentVersion(gateway, "2.0"),
                                new ComponentVersion(brandNew, "1.0")))), actor),
                new SyncCommand(UUID.randomUUID(), SyncSource.CUSTOMER_DEPLOYMENT, release, "R-2", UpdateType.HOT,
                        true, List.of(new ReleaseDeployed.Target(env.get(0),
                                List.of(new ComponentVersion(gateway, "1.2")))), new Actor("u-7", "Wang Wu")),
                new SyncCommand(d1, SyncSource.CUSTOMER_DEPLOYMENT, release, "R-1", UpdateType.HOT, false, List.of(
                        new ReleaseDeployed.Target(env.get(0), List.of(new ComponentVersion(gateway, "1.1")))),
                        actor),
                new SyncCommand(UUID.randomUUID(), SyncSource.CUSTOMER_DEPLOYMENT, release, "R-3", null, false,
                        List.of(new ReleaseDeployed.Target(UUID.randomUUID(),
                                        List.of(new ComponentVersion(gateway, "9.9"))),
                                new ReleaseDeployed.Target(env.get(1), List.of(new ComponentVersion(gateway, "2.0")))),
                        actor),
                new SyncCommand(UUID.randomUUID(), SyncSource.ROLLBACK, release, "R-4", null, false, List.of(
                        new ReleaseDeployed.Target(env.get(0), List.of(new ComponentVersion(gateway, "1.1")))),
                        actor));
    }

    /** The answering events, the environments named by their place in {@code env}. */
    private static List<String> describe(List<EnvironmentVersionsSynced> events, List<UUID> env) {
        return events.stream().map(e -> env.indexOf(e.environmentId()) + " " + e.source() + " "
                + e.releaseNumber() + " " + e.changes()).toList();
    }

    /**
     * What the environments run, their history, their operation-log entries and the outbox events of the commands'
     * deployments, in the order written, the environments named by their place in {@code env} and the deployments
     * by their place in {@code commands}.
     */
    private List<String> state(List<UUID> env, List<SyncCommand> commands) {
        String[] ids = env.stream().map(UUID::toString).toArray(String[]::new);
        List<String> deployments = commands.stream().map(c -> c.deploymentId().toString()).toList();
        List<String> state = new ArrayList<>();
        jdbc.query("""
                select environment_id, component, version, release_number, updated_by from environment_component
                where environment_id = any(?::uuid[]) order by component, version
                """, rs -> {
                    state.add(env.indexOf(rs.getObject(1, UUID.class)) + " " + rs.getString(2) + " "
                            + rs.getString(3) + " " + rs.getString(4) + " " + rs.getString(5));
                }, (Object) ids);
        state.sort(null);
        jdbc.query("""
                select environment_id, component, from_version, to_version, source, release_number, deployment_id,
                    actor_name from environment_component_history where environment_id = any(?::uuid[]) order by id
                """, rs -> {
                    state.add("history " + env.indexOf(rs.getObject(1, UUID.class)) + " " + rs.getString(2) + " "
                            + rs.getString(3) + "->" + rs.getString(4) + " " + rs.getString(5) + " " + rs.getString(6)
                            + " d" + deployments.indexOf(rs.getString(7)) + " " + rs.getString(8));
                }, (Object) ids);
        jdbc.query("""
                select environment_id, action, kind, changes::text, update_type, config_change, release_number,
                    deployment_id, source, actor_name from operation_log where environment_id = any(?::uuid[])
                    and action = 'VERSIONS_SYNCED' order by id
                """, rs -> {
                    state.add("log " + env.indexOf(rs.getObject(1, UUID.class)) + " " + rs.getString(2) + " "
                            + rs.getString(3) + " " + rs.getString(4) + " " + rs.getString(5) + " "
                            + rs.getString(6) + " " + rs.getString(7) + " d"
                            + deployments.indexOf(rs.getString(8)) + " " + rs.getString(9) + " " + rs.getString(10));
                }, (Object) ids);
        for (SyncCommand command : commands.stream().map(SyncCommand::deploymentId).distinct()
                .map(id -> commands.stream().filter(c -> c.deploymentId().equals(id)).findFirst().orElseThrow())
                .toList()) {
            outbox(command.deploymentId()).forEach(row -> {
                JsonNode envelope = json.readTree((String) row.get("envelope"));
                state.add("outbox d" + deployments.indexOf(command.deploymentId().toString()) + " "
                        + env.indexOf(UUID.fromString(envelope.get("payload").get("environmentId").asString())) + " "
                        + envelope.get("actor").get("name").asString() + " " + envelope.get("payload").get("changes"));
            });
        }
        return state;
    }
}
