package io.inetpublish.release.release;

import io.inetpublish.common.test.Catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import javax.sql.DataSource;

import db.migration.V11_1__Report_invalid_release_item_versions;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.test.JavaMigrations;
import io.inetpublish.common.version.Version;
import io.inetpublish.release.ReleaseIntegrationTest;
import io.inetpublish.release.ReleaseItSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * A release item's version follows the platform's one grammar when the record is submitted or edited, so a record
 * whose versions customer-service (version sync) or Jenkins would refuse later is refused at the door.
 */
@ReleaseIntegrationTest
class ReleaseItemVersionIT extends ReleaseItSupport {

    @Autowired
    DataSource dataSource;

    private static String body(String title, String ok, String bad, String version, Long recordVersion) {
        return """
                {"title":"%s","tickets":[{"id":"T-1"}],"items":[{"component":"%s","version":"1.0.0"},
                 {"component":"%s","version":"%s"}],"updateType":"HOT","configChange":false%s}"""
                .formatted(title, ok, bad, version, recordVersion == null ? "" : ",\"version\":" + recordVersion);
    }

    private static void refusedNamingItem1(MvcTestResult result) {
        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("https://inetpublish.io/problems/validation"))
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("items[1].version"))
                .hasPathSatisfying("$.errors[0].message", v -> v.assertThat().isEqualTo(Catalogue.zh(Version.INVALID)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026.03.01/b3", "1.0$(id)", "latest", "1.0=2", "1.0.", "1..0"})
    void refusesASubmittedRecordWhoseVersionBreaksTheGrammarAndStoresNothing(String version) {
        String title = unique("Bad version");
        String ok = unique("ok");
        String bad = unique("bad");
        customerService.component(ok);
        customerService.component(bad);

        refusedNamingItem1(mvc.post().uri("/api/releases").contentType(MediaType.APPLICATION_JSON)
                .content(body(title, ok, bad, version.replace("\\", "\\\\"), null)).exchange());

        assertThat(count("select count(*) from release_record where title = ?", title)).isZero();
        assertThat(count("select count(*) from outbox_event where event_type = ? and envelope::text like ?",
                EventTypes.RELEASE_SUBMITTED, "%" + title + "%")).isZero();
    }

    @Test
    void acceptsTheVersionsOfTheProductDescription() {
        String a = unique("a");
        String b = unique("b");
        String c = unique("c");
        String d = unique("d");
        for (String component : new String[] {a, b, c, d}) {
            customerService.component(component);
        }
        JsonNode release = submit("""
                {"title":"%s","tickets":[{"id":"T-1"}],"items":[{"component":"%s","version":"2.3.1"},
                 {"component":"%s","version":"v2.3.10"},{"component":"%s","version":"2.3.1-hotfix.2"},
                 {"component":"%s","version":"2024.07.01-b113"}],"updateType":"HOT"}"""
                .formatted(unique("Good"), a, b, c, d));
        assertThat(release.get("items").findValuesAsString("version"))
                .containsExactly("2.3.1", "v2.3.10", "2.3.1-hotfix.2", "2024.07.01-b113");
    }

    @Test
    void refusesAnEditWhoseVersionBreaksTheGrammarAndKeepsTheRecord() {
        String ok = unique("ok");
        String bad = unique("bad");
        customerService.component(ok);
        customerService.component(bad);
        JsonNode release = submit(body(unique("Before"), ok, bad, "2.0.7", null));
        String id = release.get("id").asString();

        refusedNamingItem1(mvc.put().uri("/api/releases/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .content(body(unique("After"), ok, bad, "2026.03.01/b3", release.get("version").asLong()))
                .exchange());

        JsonNode reread = detail(id);
        assertThat(reread.get("title").asString()).isEqualTo(release.get("title").asString());
        assertThat(reread.get("items").get(1).get("version").asString()).isEqualTo("2.0.7");
        assertThat(reread.get("version").asLong()).isEqualTo(release.get("version").asLong());
        assertThat(reread.get("timeline")).hasSize(1);
    }

    /** A record stored before the grammar was checked, holding {@code bad} at items[1]. */
    private JsonNode legacyRecord(String bad) {
        String ok = unique("ok");
        String other = unique("legacy");
        customerService.component(ok);
        customerService.component(other);
        JsonNode release = submit(body(unique("Legacy"), ok, other, "2.0.7", null));
        jdbc.update("update release_item set version = ? where release_id = ? and position = 1", bad,
                UUID.fromString(release.get("id").asString()));
        return release;
    }

    @Test
    void refusesToDeployAStoredRecordWhoseVersionVersionSyncWouldRefuse() {
        JsonNode release = legacyRecord("2026.03.01/b3");
        UUID releaseId = UUID.fromString(release.get("id").asString());
        UUID customer = UUID.randomUUID();
        UUID environment = UUID.randomUUID();
        customerService.environment(environment, customer, "Acme", "Wang Wu", "prod");

        MvcTestResult result = mvc.post().uri("/api/releases/{id}/deployments", releaseId).multipart()
                .file(new MockMultipartFile("deployment", "", MediaType.APPLICATION_JSON_VALUE, """
                        {"customerId":"%s","environmentIds":["%s"],"notes":"done"}""".formatted(customer, environment)
                        .getBytes(StandardCharsets.UTF_8)))
                .file(new MockMultipartFile("evidence", "deploy.log", "text/plain",
                        "deployed\n".getBytes(StandardCharsets.UTF_8)))
                .exchange();

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("items[1].version"))
                .hasPathSatisfying("$.errors[0].message",
                        v -> v.assertThat().asString().endsWith(Catalogue.zh(Version.INVALID_VALUE, "2026.03.01/b3")));
        assertThat(count("select count(*) from customer_deployment where release_id = ?", releaseId)).isZero();
        assertThat(count("select count(*) from outbox_event where event_type = ? and envelope::text like ?",
                EventTypes.RELEASE_DEPLOYED, "%" + releaseId + "%")).isZero();
        assertThat(detail(releaseId.toString()).get("timeline")).hasSize(1);
    }

    @Test
    void theMigrationReportsStoredItemVersionsThatBreakTheGrammar() throws Exception {
        JsonNode release = legacyRecord("1.0$(id)");
        String number = release.get("number").asString();

        JavaMigrations.run(new V11_1__Report_invalid_release_item_versions(), dataSource);

        assertThat(jdbc.queryForList("select value from invalid_stored_version where table_name = 'release_item'"
                + " and row_key like ?", String.class, number + " items[1] %")).containsExactly("1.0$(id)");
        assertThat(count("select count(*) from invalid_stored_version where row_key like ?", number + " items[0] %"))
                .isZero();
    }
}
