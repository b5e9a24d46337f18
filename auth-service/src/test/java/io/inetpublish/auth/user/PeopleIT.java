package io.inetpublish.auth.user;

import static io.inetpublish.auth.support.LoginFlow.someone;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.inetpublish.auth.support.AdminItSupport;
import io.inetpublish.auth.support.AuthIntegrationTest;
import io.inetpublish.auth.support.FeishuContacts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** People by open_id and name: search, look-up, an admin adding someone by e-mail (Feishu's contact API). */
@AuthIntegrationTest
class PeopleIT extends AdminItSupport {

    @BeforeEach
    void feishuIssuesTheTenantToken() {
        FeishuContacts.issueTenantToken(feishu);
    }

    @Test
    void anAdminAddsSomeoneByEmailWhoThenShowsInSearchByName() {
        String openId = someone();
        String email = openId + "@corp.example";
        FeishuContacts.knows(feishu, openId, "褚十一", email);

        assertThat(mvc.post().uri("/api/auth/people").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"" + email + "\"}"))
                .hasStatus(201).bodyJson()
                .hasPathSatisfying("$.id", v -> v.assertThat().isEqualTo(openId))
                .hasPathSatisfying("$.name", v -> v.assertThat().isEqualTo("褚十一"))
                .hasPathSatisfying("$.loggedIn", v -> v.assertThat().isEqualTo(false));
        assertThat(mvc.post().uri("/api/auth/people").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"" + email.toUpperCase() + "\"}"))
                .as("someone known already is answered as they are").hasStatus(200);

        String viewer = flow.loginAndRefresh(someone(), "卫十二").bearer();
        assertThat(mvc.get().uri("/api/auth/people").param("q", "褚十").header("Authorization", viewer))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$[*].id", v -> v.assertThat().asList().contains(openId));
        assertThat(mvc.get().uri("/api/auth/people/" + openId).header("Authorization", viewer)).hasStatusOk();
        assertThat(mvc.get().uri("/api/auth/people/ou_nobody_here").header("Authorization", viewer)).hasStatus(404);
        assertThat(mvc.post().uri("/api/auth/people").header("Authorization", viewer)
                .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"x@corp.example\"}"))
                .as("only an admin adds people").hasStatus(403);
    }

    @Test
    void anEmailFeishuDoesNotKnowIsA400NamingTheFieldAndStoresNothing() {
        String email = "nobody-" + UUID.randomUUID() + "@corp.example";
        FeishuContacts.knowsNobodyWith(feishu, email);
        long before = users.count();

        assertThat(mvc.post().uri("/api/auth/people").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"" + email + "\"}"))
                .hasStatus(400).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("email"));
        assertThat(mvc.post().uri("/api/auth/people").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"not an e-mail\"}"))
                .hasStatus(400).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("email"));
        assertThat(users.count()).isEqualTo(before);
    }

    @Test
    void feishuFailingIsA503AndStoresNothing() {
        String email = "down-" + UUID.randomUUID() + "@corp.example";
        feishu.stubFor(FeishuContacts.byEmail(email)
                .willReturn(FeishuContacts.error(500, FeishuContacts.INTERNAL_ERROR, "internal error")));
        long before = users.count();

        assertThat(mvc.post().uri("/api/auth/people").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"" + email + "\"}"))
                .hasStatus(503);
        assertThat(users.count()).isEqualTo(before);
    }

    @Test
    void someoneFeishuDoesNotShowTheAppIsNobodyAndNothingIsStored() {
        String outOfScope = someone();
        FeishuContacts.refusesPerson(feishu, outOfScope, FeishuContacts.NO_USER_AUTHORITY, "no user authority");
        String email = outOfScope + "@corp.example";
        FeishuContacts.knowsEmail(feishu, email, outOfScope);
        String invalid = someone();
        FeishuContacts.refusesPerson(feishu, invalid, FeishuContacts.USER_ID_INVALID, "user id invalid error");
        long before = users.count();

        assertThat(mvc.post().uri("/api/auth/people").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"" + email + "\"}"))
                .as("Feishu has the e-mail, but the person is outside the app's contact scope").hasStatus(400)
                .bodyJson().hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("email"));
        assertThat(mvc.post().uri("/internal/people/resolve").contentType(MediaType.APPLICATION_JSON)
                .content("{\"values\":[\"%s\",\"%s\"]}".formatted(outOfScope, invalid)))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$[0].id", v -> v.assertThat().isNull())
                .hasPathSatisfying("$[0].reason", v -> v.assertThat().asString().contains("open_id"))
                .hasPathSatisfying("$[1].id", v -> v.assertThat().isNull())
                .hasPathSatisfying("$[1].reason", v -> v.assertThat().asString().contains("open_id"));
        assertThat(users.count()).isEqualTo(before);
    }

    @Test
    void resolvesFreeTextByOpenIdEmailOrUniqueNameAndSaysWhyNotOtherwise() {
        String loggedIn = someone();
        String unique = "韩" + UUID.randomUUID().toString().substring(0, 6);
        flow.login(loggedIn, unique);
        String twinName = "秦" + UUID.randomUUID().toString().substring(0, 6);
        flow.login(someone(), twinName);
        flow.login(someone(), twinName);
        String onlyInFeishu = someone();
        FeishuContacts.knows(feishu, onlyInFeishu, "尤十三", onlyInFeishu + "@corp.example");
        String strangerEmail = "stranger-" + UUID.randomUUID() + "@corp.example";
        FeishuContacts.knowsNobodyWith(feishu, strangerEmail);

        var result = mvc.post().uri("/internal/people/resolve").contentType(MediaType.APPLICATION_JSON)
                .content("{\"values\":[\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\"]}".formatted(loggedIn,
                        loggedIn + "@example.test", unique, twinName, onlyInFeishu + "@corp.example",
                        strangerEmail));

        assertThat(result).hasStatusOk().bodyJson()
                .hasPathSatisfying("$[0].id", v -> v.assertThat().isEqualTo(loggedIn))
                .hasPathSatisfying("$[0].name", v -> v.assertThat().isEqualTo(unique))
                .hasPathSatisfying("$[1].id", v -> v.assertThat().isEqualTo(loggedIn))
                .hasPathSatisfying("$[2].id", v -> v.assertThat().isEqualTo(loggedIn))
                .hasPathSatisfying("$[3].reason", v -> v.assertThat().asString().contains("同名"))
                .hasPathSatisfying("$[4].id", v -> v.assertThat().isEqualTo(onlyInFeishu))
                .hasPathSatisfying("$[4].name", v -> v.assertThat().isEqualTo("尤十三"))
                .hasPathSatisfying("$[5].reason", v -> v.assertThat().asString().contains("邮箱"));
        assertThat(users.findByOpenId(onlyInFeishu)).as("found in Feishu: added, not logged in yet")
                .hasValueSatisfying(u -> assertThat(u.getLastLoginAt()).isNull());
    }

    @Autowired
    UserDirectory directory;

    /** Who may approve under a policy (release-service): enabled people with one of the roles or one of the ids. */
    @Test
    void approversAreTheEnabledPeopleWithTheRolesOrTheIds() throws Exception {
        String viewer = someone();
        flow.login(viewer, "钱" + viewer.substring(3, 9));
        String support = someone();
        flow.login(support, "孙" + support.substring(3, 9));
        PlatformUser supporter = users.findByOpenId(support).orElseThrow();
        directory.changeRole(supporter.getId(), io.inetpublish.common.security.Role.SUPPORT,
                new io.inetpublish.common.event.Actor("ou_test", "test"));
        String disabled = someone();
        flow.login(disabled, "周" + disabled.substring(3, 9));
        PlatformUser off = users.findByOpenId(disabled).orElseThrow();
        directory.changeRole(off.getId(), io.inetpublish.common.security.Role.SUPPORT,
                new io.inetpublish.common.event.Actor("ou_test", "test"));
        directory.setDisabled(off.getId(), true, new io.inetpublish.common.event.Actor("ou_test", "test"));

        var result = mvc.post().uri("/internal/people/approvers").contentType(MediaType.APPLICATION_JSON)
                .content("{\"roles\":[\"SUPPORT\",\"NOT_A_ROLE\"],\"ids\":[\"%s\",\"%s\"]}".formatted(viewer, disabled))
                .exchange();
        assertThat(result).hasStatusOk();
        String body = result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(body).contains(viewer).contains(support).doesNotContain(disabled);
        assertThat(mvc.post().uri("/internal/people/approvers").contentType(MediaType.APPLICATION_JSON)
                .content("{\"roles\":[],\"ids\":[]}").exchange()).hasStatusOk().bodyJson().isEqualTo("[]");
    }
}
