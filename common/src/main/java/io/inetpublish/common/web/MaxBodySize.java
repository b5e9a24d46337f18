package io.inetpublish.common.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A larger request-body limit for one endpoint than the service's {@code inetpublish.web.max-body-size} (2 MB), e.g.
 * a CSV import: {@code @MaxBodySize("${inetpublish.import.max-size:10MB}")}. Placeholders are resolved;
 * the value is a data size ({@code 10MB}). Multipart uploads are bounded by {@code spring.servlet.multipart.*}
 * instead ({@link RequestBodyLimitFilter}).
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface MaxBodySize {

    String value();
}
