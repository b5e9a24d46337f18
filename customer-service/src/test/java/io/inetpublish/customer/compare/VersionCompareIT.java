package io.inetpublish.customer.compare;

import static io.inetpublish.customer.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.ComponentVersion;
import io.inetpublish.common.event.ReleaseDeployed;
import io.inetpublish.common.event.SyncSource;
import io.inetpublish.common.event.UpdateType;
import io.inetpublish.common.test.ServiceIntegrationTest;
import io.inetpublish.customer.support.CustomerItSupport;
import io.inetpublish.customer.sync.SyncCommand;
import io.inetpublish.customer.sync.VersionSyncService;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

@ServiceIntegrationTest
class VersionCompareIT extends CustomerItSupport {

    @Autowired
    VersionSyncService sync;

    /** The element of a JSON array (rows, components) that is about this component. */
    private static JsonNode byComponent(JsonNode elements, String component) {
        for (JsonNode element : elements) {
            if (element.get("component").asString().equals(component)) {
                return element;
            }
        }
        throw new AssertionError("nothing about " + component + " in " + elements);
    }

    /** One environment id more than a request may name. */
    private static String fiftyOneIds() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(UUID.randomUUID().toString());
        }
        return String.join(",", many);
    }

    /** What release-service's upgrade plans read: 1 to 50 environments, their components and mainlines. */
    @Nested
    class Installed {

        @Test
        void answersEachKnownEnvironmentWithItsComponentsAndMainlinesInTheOrderAsked() {
            UUID a = fx.environment("PROD");
            UUID b = fx.environment("TEST");
            String gateway = fx.component("2.3.10");
            String web = fx.installed(a, null, "1.0");
            fx.install(a, gateway, "2.3.9");
            fx.install(b, gateway, "2.3.10");

            JsonNode answer = fx.get("/api/versions/installed?environments=" + b + "," + UUID.randomUUID() + "," + a);

            assertThat(answer.findValuesAsString("id")).contains(b.toString(), a.toString());
            assertThat(answer).hasSize(2);
            assertThat(answer.get(0).get("environment").get("id").asString()).isEqualTo(b.toString());
            JsonNode first = answer.get(1).get("components");
            assertThat(first).hasSize(2);
            JsonNode gatewayRow = byComponent(first, gateway);
            assertThat(gatewayRow.get("version").asString()).isEqualTo("2.3.9");
            assertThat(gatewayRow.get("mainlineVersion").asString()).isEqualTo("2.3.10");
            assertThat(answer.get(1).get("environment").get("customerName").isNull()).isFalse();
        }

        @Test
        void refusesNoneOrMoreThanFifty() {
            assertThat(mvc.get().uri("/api/versions/installed")).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .extractingPath("$.errors[0].field").isEqualTo("environments");
            assertThat(mvc.get().uri("/api/versions/installed").param("environments", fiftyOneIds()))
                    .hasStatus(HttpStatus.BAD_REQUEST);
        }
    }

    @Nested
    class Matrix {

        @Test
        void comparesEnvironmentsOfDifferentCustomersCellByCell() {
            UUID a = fx.environment("PROD");
            UUID b = fx.environment("PROD");
            UUID c = fx.environment("TEST");
            String gateway = fx.component("2.3.10");
            String web = fx.component("1.0");
            fx.install(a, gateway, "2.3.10");
            fx.install(b, gateway, "v2.3.10");
            fx.install(c, gateway, "2.3.9");
            for (UUID env : List.of(a, b, c)) {
                fx.install(env, web, "1.0");
            }
            UUID release = UUID.randomUUID();
            sync.apply(new SyncCommand(UUID.randomUUID(), SyncSource.CUSTOMER_DEPLOYMENT, release, "R-77", UpdateType.HOT, false,
                    List.of(new ReleaseDeployed.Target(c, List.of(new ComponentVersion(gateway, "2.4.0")))),
                    new Actor("u1", "Zhang San")));

            JsonNode matrix = fx.get("/api/versions/compare?environments=" + a + "," + b + "," + c);
            assertThat(matrix.get("environments").findValuesAsString("id"))
                    .containsExactly(a.toString(), b.toString(), c.toString());
            JsonNode gatewayRow = byComponent(matrix.get("rows"), gateway);
            assertThat(gatewayRow.get("mainlineVersion").asString()).isEqualTo("2.3.10");
            assertThat(gatewayRow.get("differs").asBoolean()).isTrue();
            JsonNode cells = gatewayRow.get("cells");
            assertThat(cells.get(0).get("version").asString()).isEqualTo("2.3.10");
            assertThat(cells.get(0).get("differs").asBoolean()).isFalse();
            assertThat(cells.get(0).get("relation").asString()).isEqualTo("EQUAL");
            assertThat(cells.get(1).get("version").asString()).isEqualTo("v2.3.10");
            assertThat(cells.get(1).get("differs").asBoolean()).isFalse();
            assertThat(cells.get(2).get("version").asString()).isEqualTo("2.4.0");
            assertThat(cells.get(2).get("differs").asBoolean()).isTrue();
            assertThat(cells.get(2).get("relation").asString()).isEqualTo("AHEAD");
            assertThat(cells.get(2).get("releaseId").asString()).isEqualTo(release.toString());
            assertThat(cells.get(2).get("releaseNumber").asString()).isEqualTo("R-77");
            assertThat(byComponent(matrix.get("rows"), web).get("differs").asBoolean()).isFalse();

            JsonNode differences = fx.get("/api/versions/compare?environments=" + a + "," + b + "," + c
                    + "&differencesOnly=true");
            assertThat(differences.get("rows").findValuesAsString("component")).containsExactly(gateway);
        }

        @Test
        void marksAComponentMissingInOneEnvironment() {
            UUID a = fx.environment("PROD");
            UUID b = fx.environment("PROD");
            String only = fx.installed(a, null, "1.0");

            JsonNode row = byComponent(fx.get("/api/versions/compare?environments=" + a + "," + b).get("rows"), only);
            assertThat(row.get("differs").asBoolean()).isTrue();
            assertThat(row.get("cells").get(0).get("relation").asString()).isEqualTo("UNKNOWN");
            assertThat(row.get("cells").get(1).get("version").isNull()).isTrue();
        }

        @Test
        void refusesFewerThanTwoOrMoreThanFiftyEnvironments() {
            UUID a = fx.environment("PROD");
            assertThat(mvc.get().uri("/api/versions/compare").param("environments", a.toString()))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field")
                    .isEqualTo("environments");
            assertThat(mvc.get().uri("/api/versions/compare").param("environments", fiftyOneIds()))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field")
                    .isEqualTo("environments");
            assertThat(mvc.get().uri("/api/versions/compare").param("environments", a + "," + UUID.randomUUID()))
                    .hasStatus(HttpStatus.NOT_FOUND);
            assertThat(mvc.get().uri("/api/versions/compare").param("environments", a + ",not-a-uuid"))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field")
                    .isEqualTo("environments");
        }
    }

    @Test
    void comparesOneEnvironmentAgainstMainline() {
        UUID env = fx.environment("PROD");
        String behind = fx.installed(env, "2.3.10", "2.3.9");
        String equal = fx.installed(env, "1.0", "1.0");

        JsonNode all = fx.get("/api/versions/compare/mainline?environment=" + env);
        assertThat(all.get("environment").get("id").asString()).isEqualTo(env.toString());
        assertThat(all.get("rows")).hasSize(2);
        JsonNode differences = fx.get("/api/versions/compare/mainline?environment=" + env + "&differencesOnly=true");
        assertThat(differences.get("rows")).hasSize(1);
        assertThat(differences.get("rows").get(0).get("component").asString()).isEqualTo(behind);
        assertThat(differences.get("rows").get(0).get("relation").asString()).isEqualTo("BEHIND");
        assertThat(mvc.get().uri("/api/versions/compare/mainline").param("environment", UUID.randomUUID().toString()))
                .hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void showsDriftPerEnvironmentAndAdoptionPerComponentOldestFirst() {
        UUID customer = fx.customer(unique("Drift"), "li.si");
        UUID prod = fx.environment(customer, "prod", "PROD");
        UUID test = fx.environment(customer, "test", "TEST");
        String gateway = fx.component("2.3.10");
        String web = fx.component("1.0");
        fx.install(prod, gateway, "2.3.9");
        fx.install(prod, web, "0.9");
        fx.install(test, gateway, "2.3.10");
        fx.install(test, web, "1.0");

        JsonNode drift = fx.get("/api/versions/drift?customerId=" + customer);
        JsonNode first = drift.get("environments").get(0);
        assertThat(first.get("environmentName").asString()).isEqualTo("prod");
        assertThat(first.get("behind").asInt()).isEqualTo(2);
        assertThat(first.get("components").asInt()).isEqualTo(2);
        assertThat(drift.get("environments").get(1).get("equal").asInt()).isEqualTo(2);
        JsonNode gatewayDrift = byComponent(drift.get("components"), gateway);
        assertThat(gatewayDrift.get("behind").asInt()).isEqualTo(1);
        assertThat(gatewayDrift.get("versions").findValuesAsString("version")).containsExactly("2.3.9", "2.3.10");
        assertThat(gatewayDrift.get("versions").get(0).get("relation").asString()).isEqualTo("BEHIND");
        assertThat(gatewayDrift.get("versions").get(0).get("environments").asInt()).isEqualTo(1);

        assertThat(mvc.get().uri("/api/versions/drift").param("customerId", UUID.randomUUID().toString()))
                .hasStatus(HttpStatus.NOT_FOUND);
    }
}
