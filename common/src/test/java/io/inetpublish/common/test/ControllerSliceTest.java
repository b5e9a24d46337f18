package io.inetpublish.common.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.inetpublish.common.i18n.MessagesAutoConfiguration;
import io.inetpublish.common.web.CommonWebAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.core.annotation.AliasFor;

/**
 * A slice test of controllers alone ({@link WebMvcTest}): what they make of HTTP - parameters, body validation,
 * problem details naming the field in the reader's language - with the feature services they call mocked
 * ({@code @MockitoBean}). No database, broker, Eureka or security filters (who may call what is checked against the
 * whole service, e.g. customer-service's SecurityEnforcementIT); the platform's problem details and message catalogue
 * are those of every service. A context of a few beans, started in about a second: for questions about HTTP that do
 * not need {@link ServiceIntegrationTest}'s whole service.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest
@ImportAutoConfiguration({MessagesAutoConfiguration.class, CommonWebAutoConfiguration.class})
public @interface ControllerSliceTest {

    /** The controllers under test. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value();
}
