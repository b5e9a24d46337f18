package io.inetpublish.build;

import io.inetpublish.common.outside.OutsideFeignTimeouts;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Configuration;

/**
 * The Feign clients of the outside calls (README, "Outside calls"), each with its timeouts. Not on the application
 * class, so that a slice test of controllers ({@code @WebMvcTest}) does not get clients it has no Feign for.
 */
@Configuration(proxyBeanMethods = false)
@EnableFeignClients(basePackageClasses = BuildServiceApplication.class,
        defaultConfiguration = OutsideFeignTimeouts.class)
class OutsideCallClients {
}
