package io.inetpublish.customer.envcomponent;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Configuration;

/**
 * Limits of a component-version import.
 *
 * @param maxLines most component lines one CSV import may carry ({@code CUSTOMER_IMPORT_MAX_LINES})
 */
@ConfigurationProperties("inetpublish.import")
public record ImportProperties(@DefaultValue("2000") int maxLines) {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ImportProperties.class)
    static class Config {
    }
}
