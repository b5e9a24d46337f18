package io.inetpublish.release;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.inetpublish.common.test.ServiceIntegrationTest;
import org.springframework.context.annotation.Import;

/** The one annotation of every release-service IT: the common service test setup plus the customer-service stub. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ServiceIntegrationTest
@Import(CustomerServiceStub.class)
public @interface ReleaseIntegrationTest {
}
