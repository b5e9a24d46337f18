package io.inetpublish.common.messaging;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.inetpublish.common.test.ServiceIntegrationTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The one Spring context of common's messaging suite: {@link MessagingTestApplication} on real PostgreSQL
 * ({@code inetpublish_common_test}) and RabbitMQ, with its own exchange and queue prefix and short retry delays.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ServiceIntegrationTest
@TestPropertySource(properties = {
        "spring.config.import=classpath:inetpublish-defaults.yml",
        "spring.application.name=messaging-test",
        "inetpublish.service-key=common",
        // a port of its own, as every service has (the test picks a free one)
        "inetpublish.management-port=9999",
        "inetpublish.messaging.exchange=test.common.events",
        "inetpublish.messaging.queue-prefix=test.common.",
        "inetpublish.messaging.relay.interval=100ms",
        "inetpublish.messaging.relay.initial-backoff=200ms",
        "inetpublish.messaging.relay.max-backoff=1s",
        "inetpublish.messaging.relay.confirm-timeout=5s",
        "inetpublish.messaging.consumer.initial-interval=100ms",
        "inetpublish.messaging.consumer.multiplier=2",
        "inetpublish.messaging.consumer.max-interval=400ms",
        "inetpublish.messaging.consumer.max-attempts=4"
})
@interface MessagingIntegrationTest {
}
