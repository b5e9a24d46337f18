package io.inetpublish.common.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.inetpublish.common.i18n.MessagesAutoConfiguration;
import io.inetpublish.common.security.CommonSecurityAutoConfiguration;
import io.inetpublish.common.test.security.TestSecurity;
import io.inetpublish.common.web.CommonWebAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * A slice test of controllers alone ({@link WebMvcTest}): what they make of HTTP - who may call them, parameters,
 * body validation, problem details naming the field in the reader's language, status codes - with the feature
 * services they call mocked ({@code @MockitoBean}). The service's own security is in: the platform's resource-server
 * filter chain from common, the service's role rules (its {@code *AuthorizationRules} class in a {@code security}
 * package, found by the component scan) or its own filter chain (a {@code *SecurityConfiguration} there, as
 * auth-service has) and, as in {@link ServiceIntegrationTest}, the test key of
 * {@link io.inetpublish.common.test.security.TestTokens} with an ADMIN token on a request that brings none
 * ({@link TestSecurity}). No database, broker, Eureka or Feign: a context of a few beans, for questions about HTTP
 * that do not need the whole service. Flows stay integration tests.
 * <p>
 * Without {@link #value()} the slice holds all the service's controllers. A service's slices share one context that
 * way: a meta-annotation of the service (for example customer-service's {@code CustomerControllerSlice}) carries
 * this annotation and one type-level {@code @MockitoBean(types = ...)} with every feature service the controllers
 * call, so that every slice class of the service has the same context configuration and Spring's test context cache
 * starts it once per test JVM (docs/style.md, "Test kinds").
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
        pattern = "io\\.inetpublish\\.[a-z]+\\.security\\.[A-Za-z]+(AuthorizationRules|SecurityConfiguration)"))
@ImportAutoConfiguration({MessagesAutoConfiguration.class, CommonWebAutoConfiguration.class,
        SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class, CommonSecurityAutoConfiguration.class})
@Import(TestSecurity.class)
public @interface ControllerSliceTest {

    /** The controllers under test; all the service's controllers when empty. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value() default {};
}
