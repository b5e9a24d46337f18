package io.inetpublish.auth.user;

import static io.inetpublish.auth.support.LoginFlow.someone;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.inetpublish.auth.support.AdminItSupport;
import io.inetpublish.auth.support.AuthIntegrationTest;
import io.inetpublish.auth.support.FeishuStub;
import io.inetpublish.auth.support.LoginFlow;
import io.inetpublish.common.security.Role;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

@AuthIntegrationTest
class UsersIT extends AdminItSupport {

    @Test
    void adminsListUsers() {
        String openId = someone();
        flow.login(openId, "卫五");

        assertThat(mvc.get().uri("/api/auth/users").param("size", "200").header("Authorization", admin))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.items[*].openId", v -> v.assertThat().asList().contains(openId))
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isNotNull());
    }

    @Test
    void adminsChangeARoleWhichIsLoggedAndTakesEffectAtTheNextRefresh() {
        String openId = someone();
        Cookie cookie = flow.login(openId, "蒋六");
        UUID id = users.findByOpenId(openId).orElseThrow().getId();

        assertThat(mvc.put().uri("/api/auth/users/" + id + "/role").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"SUPPORT\"}"))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.role", v -> v.assertThat().isEqualTo("SUPPORT"));

        assertThat(mvc.get().uri("/api/auth/users/" + id + "/role-changes").header("Authorization", admin))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$[0].oldRole", v -> v.assertThat().isEqualTo("VIEWER"))
                .hasPathSatisfying("$[0].newRole", v -> v.assertThat().isEqualTo("SUPPORT"))
                .hasPathSatisfying("$[0].changedBy.id", v -> v.assertThat().isEqualTo(FeishuStub.BOOTSTRAP_ADMIN_OPEN_ID))
                .hasPathSatisfying("$[0].changedBy.name", v -> v.assertThat().isNotNull());
        String bearer = flow.refresh(cookie).bearer();
        assertThat(mvc.get().uri("/api/auth/me").header("Authorization", bearer)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.role", v -> v.assertThat().isEqualTo(Role.SUPPORT.name()));
    }

    @Test
    void refusesAnUnknownRoleNamingTheField() {
        String openId = someone();
        flow.login(openId, "沈七");
        UUID id = users.findByOpenId(openId).orElseThrow().getId();

        assertThat(mvc.put().uri("/api/auth/users/" + id + "/role").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).content("{\"role\":null}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("role"));
        assertThat(users.findByOpenId(openId).orElseThrow().getRole()).isEqualTo(Role.VIEWER);
    }

    @Test
    void nonAdminsCannotSeeOrChangeUsers() {
        String openId = someone();
        String viewer = flow.loginAndRefresh(openId, "韩八").bearer();
        UUID id = users.findByOpenId(openId).orElseThrow().getId();

        assertThat(mvc.get().uri("/api/auth/users").header("Authorization", viewer)).hasStatus(HttpStatus.FORBIDDEN)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.put().uri("/api/auth/users/" + id + "/role").header("Authorization", viewer)
                .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"ADMIN\"}"))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(users.findByOpenId(openId).orElseThrow().getRole()).isEqualTo(Role.VIEWER);
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /** The list the gateway reads (on the management port) to refuse access tokens of ended sessions. */
    @Autowired
    io.inetpublish.auth.token.Revocations revocations;

    private org.springframework.test.web.servlet.assertj.MvcTestResult disable(UUID id, boolean disabled,
            String bearer) {
        return mvc.put().uri("/api/auth/users/" + id + "/disabled").header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON).content("{\"disabled\":" + disabled + "}").exchange();
    }

    @Test
    void anAdminDisablesAPersonWhichEndsTheirSessionsAtOnceAndEnablesThemAgain() {
        String openId = someone();
        Cookie laptop = flow.login(openId, "朱十一");
        LoginFlow.Refreshed phone = flow.loginAndRefresh(openId, "朱十一");
        UUID id = users.findByOpenId(openId).orElseThrow().getId();

        assertThat(disable(id, true, admin)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.disabled", v -> v.assertThat().isEqualTo(true));

        // every session ended: no refresh, and the gateway's list refuses the access tokens still out there
        assertThat(mvc.post().uri("/api/auth/refresh").cookie(laptop)).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(mvc.post().uri("/api/auth/refresh").cookie(phone.cookie())).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(jdbc.sql("select count(*) from refresh_family where user_id = :id and revoked_at is null")
                .param("id", id).query(Long.class).single()).isZero();
        assertThat(revocations.recent().sessions()).extracting(s -> s.sid().toString())
                .contains(claimsSid(phone.accessToken()));
        // and no new login
        String code = "code-" + UUID.randomUUID();
        FeishuStub.acceptsCode(feishu, code, openId, "朱十一", openId + "@example.test");
        assertThat(flow.callback(flow.start("/"), code)).hasStatus(HttpStatus.FORBIDDEN)
                .doesNotContainHeader("Location");

        assertThat(disable(id, false, admin)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.disabled", v -> v.assertThat().isEqualTo(false));
        assertThat(mvc.post().uri("/api/auth/refresh").cookie(flow.login(openId, "朱十一"))).hasStatusOk();
    }

    @Test
    void nobodyDisablesThemselvesAndOnlyAdminsDisableAnyone() {
        UUID adminId = users.findByOpenId(FeishuStub.BOOTSTRAP_ADMIN_OPEN_ID).orElseThrow().getId();
        assertThat(disable(adminId, true, admin)).hasStatus(HttpStatus.CONFLICT);

        String openId = someone();
        String viewer = flow.loginAndRefresh(openId, "秦十二").bearer();
        assertThat(disable(adminId, true, viewer)).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.put().uri("/api/auth/users/" + adminId + "/disabled").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).content("{}")).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("disabled"));
        assertThat(users.findByOpenId(FeishuStub.BOOTSTRAP_ADMIN_OPEN_ID).orElseThrow().isDisabled()).isFalse();
    }

    private static String claimsSid(String accessToken) {
        try {
            return com.nimbusds.jwt.SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid");
        } catch (java.text.ParseException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void forgedIdentityHeadersChangeNothing() {
        String viewer = flow.loginAndRefresh(someone(), "杨九").bearer();

        assertThat(mvc.get().uri("/api/auth/users").header("Authorization", viewer)
                .header("X-User-Id", FeishuStub.BOOTSTRAP_ADMIN_OPEN_ID).header("X-User-Roles", "ADMIN"))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/auth/users").header("X-User-Id", FeishuStub.BOOTSTRAP_ADMIN_OPEN_ID)
                .header("X-User-Roles", "ADMIN")).hasStatus(HttpStatus.UNAUTHORIZED);
    }
}
