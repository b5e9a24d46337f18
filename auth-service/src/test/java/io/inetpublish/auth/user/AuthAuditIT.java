package io.inetpublish.auth.user;

import static io.inetpublish.auth.support.LoginFlow.someone;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.inetpublish.auth.support.AdminItSupport;
import io.inetpublish.auth.support.AuthIntegrationTest;
import io.inetpublish.auth.support.FeishuStub;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.test.PublishedAuditEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * What auth-service tells the audit trail: an administrator's role changes, disabling and enabling a person, and
 * creating and revoking integration tokens — naming the administrator, the person or token, and what changed (never
 * a secret). A refused change publishes nothing.
 */
@AuthIntegrationTest
class AuthAuditIT extends AdminItSupport {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;

    PublishedAuditEvents published;

    @BeforeEach
    void setUp() {
        published = new PublishedAuditEvents(jdbc, json);
    }

    @Test
    void aRoleChangeAndDisablingAndEnablingNameTheAdminThePersonAndTheChange() {
        String openId = someone();
        flow.login(openId, "孔十二");
        UUID id = users.findByOpenId(openId).orElseThrow().getId();

        assertThat(mvc.put().uri("/api/auth/users/" + id + "/role").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"TESTER\"}")).hasStatusOk();
        assertThat(mvc.put().uri("/api/auth/users/" + id + "/role").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"TESTER\"}")).hasStatusOk();
        assertThat(mvc.put().uri("/api/auth/users/" + id + "/role").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"KING\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST);
        for (boolean disabled : new boolean[] {true, false}) {
            assertThat(mvc.put().uri("/api/auth/users/" + id + "/disabled").header("Authorization", admin)
                    .contentType(MediaType.APPLICATION_JSON).content("{\"disabled\":" + disabled + "}"))
                    .hasStatusOk();
        }

        EventEnvelope<AuditEvent> role = published.one(EventTypes.USER_ROLES_CHANGED, openId);
        assertThat(role.actor().userId()).isEqualTo(FeishuStub.BOOTSTRAP_ADMIN_OPEN_ID);
        assertThat(role.actor().name()).isEqualTo("管理员");
        assertThat(role.payload().action()).isEqualTo(Action.USER_ROLE_CHANGED);
        assertThat(role.payload().target()).isEqualTo(new AuditEvent.Target(AuditEvent.Kind.USER, openId, "孔十二"));
        assertThat(role.payload().changes()).containsExactly(new AuditEvent.Change("role", "VIEWER", "TESTER"));
        assertThat(published.one(EventTypes.USER_DISABLED, openId).payload().changes())
                .containsExactly(new AuditEvent.Change("disabled", "false", "true"));
        assertThat(published.one(EventTypes.USER_ENABLED, openId).payload().changes())
                .containsExactly(new AuditEvent.Change("disabled", "true", "false"));
    }

    @Test
    void creatingAndRevokingAnIntegrationTokenNameItButNeverItsSecret() throws Exception {
        String name = "ci-" + UUID.randomUUID().toString().substring(0, 8);
        MvcTestResult created = mvc.post().uri("/api/auth/integration-tokens").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\",\"scopes\":[\"mainline:report\"]}").exchange();
        assertThat(created).hasStatus(HttpStatus.CREATED);
        String body = created.getResponse().getContentAsString(StandardCharsets.UTF_8);
        String id = JsonPath.read(body, "$.token.id");
        String secret = JsonPath.read(body, "$.clientSecret");
        assertThat(mvc.post().uri("/api/auth/integration-tokens/{id}/revoke", id).header("Authorization", admin))
                .hasStatusOk();
        assertThat(mvc.post().uri("/api/auth/integration-tokens/{id}/revoke", id).header("Authorization", admin))
                .hasStatusOk();

        AuditEvent create = published.one(EventTypes.INTEGRATION_TOKEN_CREATED, id).payload();
        assertThat(create.target()).isEqualTo(new AuditEvent.Target(AuditEvent.Kind.INTEGRATION_TOKEN, id, name));
        assertThat(create.changes()).containsExactly(new AuditEvent.Change("scopes", null, "mainline:report"));
        assertThat(published.one(EventTypes.INTEGRATION_TOKEN_REVOKED, id).actor().name()).isEqualTo("管理员");
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where envelope::text like ?", Long.class,
                "%" + secret + "%")).isZero();
    }
}
