package io.inetpublish.customer.version;

import io.inetpublish.common.test.Catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import db.migration.V11_2__Recompute_version_sort_keys;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.ComponentVersion;
import io.inetpublish.common.event.ReleaseDeployed;
import io.inetpublish.common.event.SyncSource;
import io.inetpublish.common.test.JavaMigrations;
import io.inetpublish.common.test.ServiceIntegrationTest;
import io.inetpublish.common.version.Version;
import io.inetpublish.common.version.VersionOrder;
import io.inetpublish.customer.support.CustomerItSupport;
import io.inetpublish.customer.support.Fixtures;
import io.inetpublish.customer.sync.SyncCommand;
import io.inetpublish.customer.sync.VersionSyncService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * Every door of customer-service by which a version enters refuses one that breaks the grammar, with the one error
 * text, naming the field, and stores nothing; the hotfix rule holds in stored sort keys; the migration recomputes
 * keys and reports stored values that break the grammar.
 */
@ServiceIntegrationTest
class VersionGrammarDoorsIT extends CustomerItSupport {

    private static final String SLASHED = "2026.03.01/b3";
    private static final String SHELL = "1.0$(id)";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    VersionSyncService sync;

    UUID env;

    @BeforeEach
    void fixtures() {
        env = fx.environment("PROD");
    }

    private MvcTestResult putJson(String uri, String body, Object... vars) {
        return mvc.put().uri(uri, vars).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private MvcTestResult postJson(String uri, String body, Object... vars) {
        return mvc.post().uri(uri, vars).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private static void refusedNaming(MvcTestResult result, String field, String message) {
        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("https://inetpublish.io/problems/validation"))
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo(field))
                .hasPathSatisfying("$.errors[0].message", v -> v.assertThat().isEqualTo(message));
    }

    private String installed(String component) {
        for (JsonNode item : fx.get("/api/environments/{id}/components", env)) {
            if (item.get("component").asString().equals(component)) {
                return item.get("version").asString();
            }
        }
        return null;
    }

    @Test
    void environmentComponentDoorsRefuseABadVersionAndStoreNothing() {
        String a = fx.component("1.0");
        String b = fx.component("1.0");
        fx.install(env, a, "0.9");

        refusedNaming(postJson("/api/environments/{id}/components",
                "{\"component\":\"" + b + "\",\"version\":\"" + SLASHED + "\"}", env), "version", Catalogue.zh(Version.INVALID));
        refusedNaming(putJson("/api/environments/{id}/components/{c}", "{\"version\":\"" + SHELL + "\"}", env, a),
                "version", Catalogue.zh(Version.INVALID));
        refusedNaming(putJson("/api/environments/{id}/components", "{\"items\":[{\"component\":\"" + a
                + "\",\"version\":\"1.0\"},{\"component\":\"" + b + "\",\"version\":\"" + SLASHED + "\"}]}", env),
                "items[1].version", Catalogue.zh(Version.INVALID));

        assertThat(installed(a)).isEqualTo("0.9");
        assertThat(installed(b)).isNull();
        assertThat(jdbc.queryForObject("select count(*) from environment_component_history where environment_id = ?",
                Integer.class, env)).isEqualTo(1);
    }

    @Test
    void csvImportRefusesABadVersionNamingTheLineAndAppliesNothing() {
        String a = fx.component("1.0");
        String b = fx.component("1.0");
        fx.install(env, a, "0.9");

        refusedNaming(mvc.post().uri("/api/environments/{id}/components/import", env).contentType("text/csv")
                .content("component,version\n" + a + ",1.0\n" + b + "," + SLASHED + "\n").exchange(),
                "line 3", Catalogue.zh(Version.INVALID_VALUE, SLASHED));

        assertThat(installed(a)).isEqualTo("0.9");
        assertThat(installed(b)).isNull();
    }

    @Test
    void mainlineDoorsRefuseABadVersionAndStoreNothing() {
        String fresh = Fixtures.unique("comp");
        refusedNaming(postJson("/api/components", "{\"name\":\"" + fresh + "\",\"mainlineVersion\":\"" + SLASHED
                + "\"}"), "mainlineVersion", Catalogue.zh(Version.INVALID));
        assertThat(mvc.get().uri("/api/components/{name}", fresh)).hasStatus(HttpStatus.NOT_FOUND);

        String existing = fx.component("2.0.7");
        refusedNaming(putJson("/api/components/{name}/mainline", "{\"version\":\"latest\"}", existing), "version",
                Catalogue.zh(Version.INVALID));
        assertThat(fx.get("/api/components/{name}", existing).get("mainlineVersion").asString()).isEqualTo("2.0.7");
    }

    @Test
    void impactSearchRefusesARangeWithABadVersion() {
        String a = fx.component("1.0");
        for (String uri : List.of("/api/versions/impact", "/api/versions/impact/export")) {
            refusedNaming(mvc.get().uri(uri).param("component", a).param("range", ">=1.0 <" + SLASHED).exchange(),
                    "range", Catalogue.zh(Version.INVALID_VALUE, SLASHED));
        }
    }

    @Test
    void versionSyncRefusesABadVersionBeforeWritingAnything() {
        String a = fx.component("1.0");
        fx.install(env, a, "0.9");
        UUID deployment = UUID.randomUUID();

        assertThatThrownBy(() -> sync.apply(new SyncCommand(deployment, SyncSource.CUSTOMER_DEPLOYMENT, null, null, null,
                false, List.of(new ReleaseDeployed.Target(env, List.of(new ComponentVersion(a, SLASHED)))),
                new Actor("u-1", "Li Si"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(SLASHED + "\" is not a version");
        assertThat(installed(a)).isEqualTo("0.9");
    }

    @Test
    void aHotfixOfTheMainlineVersionIsAheadOfIt() {
        String userCenter = fx.component("2.0.7");
        fx.install(env, userCenter, "2.0.7-hotfix.1");

        JsonNode list = fx.get("/api/environments/{id}/components", env);
        assertThat(list.get(0).get("relation").asString()).isEqualTo("AHEAD");

        JsonNode ahead = fx.get("/api/versions/impact?component={c}&range={r}", userCenter, ">2.0.7 <2.0.8");
        assertThat(ahead.get("items")).hasSize(1);
        assertThat(ahead.get("items").get(0).get("component").asString()).isEqualTo(userCenter);
        assertThat(ahead.get("items").get(0).get("version").asString()).isEqualTo("2.0.7-hotfix.1");
        assertThat(fx.get("/api/versions/impact?component={c}&range={r}", userCenter, "<=2.0.7").get("items"))
                .isEmpty();
    }

    @Test
    void migrationRecomputesStaleKeysAndReportsStoredValuesThatBreakTheGrammar() throws Exception {
        String hotfixed = fx.component("2.0.7");
        String broken = fx.component("1.0");
        fx.install(env, hotfixed, "2.0.7-hotfix.1");
        fx.install(env, broken, "1.0");
        // as stored before: the hotfix keyed before 2.0.7, a value only an old door let in, a stale mainline key
        jdbc.update("update environment_component set sort_key = '0' where environment_id = ? and component = ?",
                env, hotfixed);
        jdbc.update("update environment_component set version = ?, sort_key = '0' where environment_id = ?"
                + " and component = ?", SLASHED, env, broken);
        jdbc.update("update component set mainline_sort_key = '0' where name = ?", hotfixed);

        JavaMigrations.run(new V11_2__Recompute_version_sort_keys(), dataSource);

        assertThat(jdbc.queryForObject("select sort_key from environment_component where environment_id = ?"
                + " and component = ?", String.class, env, hotfixed))
                .isEqualTo(VersionOrder.sortKey("2.0.7-hotfix.1"));
        assertThat(jdbc.queryForObject("select mainline_sort_key from component where name = ?", String.class,
                hotfixed)).isEqualTo(VersionOrder.sortKey("2.0.7"));
        assertThat(jdbc.queryForObject("select sort_key from environment_component where environment_id = ?"
                + " and component = ?", String.class, env, broken)).isEqualTo(VersionOrder.sortKey(SLASHED));
        assertThat(fx.get("/api/environments/{id}/components", env).findValuesAsString("relation"))
                .contains("AHEAD");
        assertThat(jdbc.queryForList("select value from invalid_stored_version where table_name = ?"
                + " and row_key = ? and column_name = 'version'", String.class, "environment_component",
                env + "/" + broken)).containsExactly(SLASHED);
        assertThat(jdbc.queryForObject("select count(*) from invalid_stored_version where row_key like ?",
                Integer.class, env + "/" + hotfixed)).isZero();
    }
}
