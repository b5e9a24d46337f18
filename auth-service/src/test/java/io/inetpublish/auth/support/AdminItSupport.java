package io.inetpublish.auth.support;

import static io.inetpublish.auth.support.LoginFlow.someone;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.inetpublish.auth.user.UserRepository;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * What the auth-service ITs that act as an administrator share: MockMvc, Feishu's WireMock, the people stored, a
 * {@link LoginFlow}, and {@link #admin}, the bearer token of the bootstrap admin ({@code inetpublish.auth.admins}),
 * logged in for real before each test. New people: {@link LoginFlow#someone()}.
 */
public abstract class AdminItSupport {

    @Autowired
    protected MockMvcTester mvc;

    @Autowired
    protected WireMockServer feishu;

    @Autowired
    protected UserRepository users;

    protected LoginFlow flow;
    /** {@code Bearer …} of the bootstrap admin. */
    protected String admin;

    @BeforeEach
    void logInAsAdmin() {
        flow = new LoginFlow(mvc, feishu);
        admin = flow.loginAndRefresh(FeishuStub.BOOTSTRAP_ADMIN_OPEN_ID, "管理员").bearer();
    }
}
