package io.inetpublish.notify;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.inetpublish.common.test.ServiceIntegrationTest;
import org.springframework.context.annotation.Import;

/**
 * The one integration-test setup of notify-service: {@link ServiceIntegrationTest} plus the one WireMock standing in
 * for Feishu ({@link FeishuStub}). Every IT class of this module carries exactly this, so the suite shares one
 * Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ServiceIntegrationTest
@Import(FeishuStub.class)
public @interface NotifyIntegrationTest {
}
