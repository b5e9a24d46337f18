package io.inetpublish.auth.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.inetpublish.common.test.ServiceIntegrationTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Every auth-service integration test: the shared service context plus Feishu stood in for by WireMock
 * ({@link FeishuStub}). auth-service checks only tokens it issued itself, so the suite logs in for real instead of
 * using the test-jar's default token.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ServiceIntegrationTest
@Import(FeishuStub.class)
@TestPropertySource(properties = {
        "inetpublish.test.default-token=false",
        "inetpublish.auth.admins=" + FeishuStub.BOOTSTRAP_ADMIN_OPEN_ID,
        "inetpublish.auth.redirect-uri=http://localhost:8080/api/auth/callback",
        "inetpublish.auth.feishu.app-id=cli_test_app",
        "inetpublish.auth.feishu.app-secret=test-secret",
        // Feishu answering slowly ends a call sooner than in production (5 s; OutsideCallsIT), yet every test's first
        // login (the bootstrap admin's, through the stub) has room for a cold client and stub on a loaded machine
        "inetpublish.outside.feishu.read-timeout=3s",
        "inetpublish.auth.rate-limit.login-per-minute=300",
        "inetpublish.auth.rate-limit.refresh-per-minute=300",
        // MockMvc's requests come from 127.0.0.1: as if through the gateway, unless a test sets another address
        "inetpublish.auth.trusted-gateways=127.0.0.1"
})
public @interface AuthIntegrationTest {
}
