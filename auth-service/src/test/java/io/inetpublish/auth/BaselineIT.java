package io.inetpublish.auth;

import static io.inetpublish.auth.support.LoginFlow.someone;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jwt.SignedJWT;
import io.inetpublish.auth.support.AuthIntegrationTest;
import io.inetpublish.auth.support.FeishuStub;
import io.inetpublish.auth.support.LoginFlow;
import io.inetpublish.common.security.Role;
import io.inetpublish.common.test.PlainHttp;
import io.inetpublish.common.test.ServiceBaselineContract;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@AuthIntegrationTest
class BaselineIT extends ServiceBaselineContract {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    WireMockServer feishu;

    /** auth-service accepts only the tokens it issued: a real login, given the role by the bootstrap admin. */
    @Override
    protected String token(Role role) {
        LoginFlow flow = new LoginFlow(mvc, feishu);
        String admin = flow.loginAndRefresh(FeishuStub.BOOTSTRAP_ADMIN_OPEN_ID, "管理员").accessToken();
        if (role == Role.ADMIN) {
            return admin;
        }
        String openId = someone();
        LoginFlow.Refreshed person = flow.loginAndRefresh(openId, "某人");
        if (role == Role.VIEWER) {
            return person.accessToken();
        }
        try {
            String uid = SignedJWT.parse(person.accessToken()).getJWTClaimsSet().getStringClaim("uid");
            assertThat(mvc.put().uri("/api/auth/users/" + uid + "/role").header("Authorization", "Bearer " + admin)
                    .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"" + role + "\"}")).hasStatusOk();
        } catch (java.text.ParseException ex) {
            throw new IllegalStateException(ex);
        }
        return flow.refresh(person.cookie()).accessToken();
    }

    @Override
    protected String readPath() {
        return "/api/auth/me";
    }

    @Override
    protected String jsonEndpoint() {
        return "PUT /api/auth/users/" + UUID.randomUUID() + "/role";
    }

    @Test
    void listsRevocationsForTheGatewayOnlyOnTheManagementPort() {
        PlainHttp.Response listed = management.get("/actuator/revocations");
        assertThat(listed.status()).isEqualTo(200);
        assertThat((Object) JsonPath.read(listed.body(), "$.sessions")).isNotNull();
        assertThat((Object) JsonPath.read(listed.body(), "$.users")).isNotNull();
        assertThat(service.get("/internal/revocations").status()).isEqualTo(401);
        assertThat(new String(mvc.get().uri("/internal/revocations").exchange().getResponse()
                .getContentAsByteArray(), StandardCharsets.UTF_8)).doesNotContain("sessions");
    }
}
