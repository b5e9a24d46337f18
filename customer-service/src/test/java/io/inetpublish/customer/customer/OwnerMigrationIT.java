package io.inetpublish.customer.customer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;

import io.inetpublish.common.test.ServiceIntegrationTest;
import io.inetpublish.common.web.DownstreamUnavailableException;
import io.inetpublish.customer.support.AuthServiceStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Owners written as free text before owners were people (as V16_1 leaves them: owner_text, status PENDING) are
 * matched to platform people by open_id, e-mail or unique name; the rest stay visible as UNRESOLVED with the
 * reason, listed for an admin, who fixes one by choosing the person.
 */
@ServiceIntegrationTest
class OwnerMigrationIT {

    @Autowired
    OwnerMigration migration;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvcTester mvc;

    String marker;
    String openIdText;
    String emailText;
    String nameText;
    String twinText;

    @BeforeEach
    void legacyOwners() {
        // this suite's database is shared with earlier runs: only this test's texts are pending
        jdbc.update("update customer set owner_status = 'UNRESOLVED' where owner_status = 'PENDING'");
        marker = UUID.randomUUID().toString().substring(0, 8);
        openIdText = "ou_legacy" + marker;
        emailText = "owner" + marker + "@corp.example";
        nameText = "张" + marker;
        twinText = "王" + marker;
        legacy("By open_id " + marker, openIdText);
        legacy("Also by open_id " + marker, openIdText);
        legacy("By e-mail " + marker, emailText);
        legacy("By name " + marker, nameText);
        legacy("Ambiguous " + marker, twinText);
    }

    void legacy(String customer, String ownerText) {
        jdbc.update("""
                insert into customer (id, name, owner, owner_text, owner_status, archived, created_at, version)
                values (?, ?, ?, ?, 'PENDING', false, now(), 0)""", UUID.randomUUID(), customer, ownerText,
                ownerText);
    }

    Map<String, Object> row(String customer) {
        return jdbc.queryForMap("select owner, owner_id, owner_status, owner_text, owner_reason from customer "
                + "where name = ?", customer);
    }

    void authServiceAnswers() {
        AuthServiceStub.server().stubFor(post(urlPathEqualTo("/internal/people/resolve"))
                .withRequestBody(matchingJsonPath("$.values[?(@ == '" + openIdText + "')]"))
                .withRequestBody(matchingJsonPath("$.values[?(@ == '" + twinText + "')]"))
                .willReturn(okJson("""
                        [{"value":"%s","id":"%s","name":"李四"},
                         {"value":"%s","id":"ou_mail%s","name":"王五"},
                         {"value":"%s","id":"ou_name%s","name":"%s"},
                         {"value":"%s","reason":"2 位用户同名，无法确定是谁"}]"""
                        .formatted(openIdText, openIdText, emailText, marker, nameText, marker, nameText,
                                twinText))));
    }

    @Test
    void matchesWhatIsUnambiguousAndListsTheRestForAnAdminWhoFixesIt() {
        authServiceAnswers();

        assertThat(migration.run()).isEqualTo(5);

        assertThat(row("By open_id " + marker)).containsEntry("owner_id", openIdText).containsEntry("owner", "李四")
                .containsEntry("owner_status", "RESOLVED").containsEntry("owner_text", null);
        assertThat(row("Also by open_id " + marker)).containsEntry("owner_id", openIdText);
        assertThat(row("By e-mail " + marker)).containsEntry("owner_id", "ou_mail" + marker)
                .containsEntry("owner", "王五");
        assertThat(row("By name " + marker)).containsEntry("owner_id", "ou_name" + marker);
        assertThat(row("Ambiguous " + marker)).containsEntry("owner_id", null)
                .containsEntry("owner", twinText).containsEntry("owner_status", "UNRESOLVED")
                .containsEntry("owner_reason", "2 位用户同名，无法确定是谁");
        assertThat(migration.run()).as("nothing pending any more").isZero();

        // the admin's list shows the unmatched one, with the text and why
        String ambiguousId = jdbc.queryForObject("select id::text from customer where name = ?", String.class,
                "Ambiguous " + marker);
        assertThat(mvc.get().uri("/api/customers/unresolved-owners")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$[?(@.id == '" + ambiguousId + "')].owner.name",
                        v -> v.assertThat().asArray().containsExactly(twinText))
                .hasPathSatisfying("$[?(@.id == '" + ambiguousId + "')].ownerReason",
                        v -> v.assertThat().asArray().containsExactly("2 位用户同名，无法确定是谁"));

        // editing the customer without choosing an owner keeps the text visible; choosing one fixes it
        long version = jdbc.queryForObject("select version from customer where id = ?::uuid", Long.class,
                ambiguousId);
        assertThat(mvc.put().uri("/api/customers/{id}", ambiguousId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Ambiguous " + marker + "\",\"notes\":\"x\",\"version\":" + version + "}"))
                .hasStatusOk().bodyJson().extractingPath("$.ownerStatus").isEqualTo("UNRESOLVED");
        AuthServiceStub.person("ou_twin1" + marker, "王" + marker);
        assertThat(mvc.put().uri("/api/customers/{id}", ambiguousId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Ambiguous " + marker + "\",\"ownerId\":\"ou_twin1" + marker + "\",\"version\":"
                        + (version + 1) + "}"))
                .hasStatusOk().bodyJson().extractingPath("$.ownerStatus").isEqualTo("RESOLVED");
        assertThat(row("Ambiguous " + marker)).containsEntry("owner_id", "ou_twin1" + marker)
                .containsEntry("owner_text", null);
        assertThat(mvc.get().uri("/api/customers/unresolved-owners")).hasStatusOk().bodyJson()
                .extractingPath("$[*].id").asArray().doesNotContain(ambiguousId);
    }

    @Test
    void authServiceAwayLeavesEverythingPendingForTheNextRun() {
        AuthServiceStub.server().stubFor(post(urlPathEqualTo("/internal/people/resolve"))
                .withRequestBody(matchingJsonPath("$.values[?(@ == '" + openIdText + "')]"))
                .willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> migration.run()).isInstanceOf(DownstreamUnavailableException.class);
        assertThat(row("By open_id " + marker)).containsEntry("owner_status", "PENDING")
                .containsEntry("owner_id", null).containsEntry("owner", openIdText);

        authServiceAnswers();
        assertThat(migration.run()).isEqualTo(5);
        assertThat(row("By open_id " + marker)).containsEntry("owner_status", "RESOLVED");
    }
}
