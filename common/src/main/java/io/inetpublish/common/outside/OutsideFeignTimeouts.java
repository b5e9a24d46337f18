package io.inetpublish.common.outside;

import feign.Request;
import feign.Retryer;
import io.inetpublish.common.discovery.RetryOnAnotherInstance;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Part of every Feign client's own context ({@code @EnableFeignClients(defaultConfiguration =
 * OutsideFeignTimeouts.class)}): the client named {@code customer-service} gets the timeouts of the outside call
 * {@code customer-service}, and the client cannot start without them. And its reads that did not reach a live
 * instance are sent once more, to another instance ({@link RetryOnAnotherInstance}); Feign's own default is never.
 */
public class OutsideFeignTimeouts {

    @Bean
    Request.Options outsideCallTimeouts(Environment environment, OutsideCalls outside) {
        return outside.get(environment.getRequiredProperty("spring.cloud.openfeign.client.name")).feignOptions();
    }

    @Bean
    Retryer readsOnAnotherInstance() {
        return new RetryOnAnotherInstance.Reads();
    }
}
