package io.inetpublish.common.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * One Spring context per service suite, shared by every test class that carries this annotation: the service on a
 * random port, against real PostgreSQL and RabbitMQ ({@link TestInfrastructure}), without Eureka, on a RabbitMQ
 * exchange and queue names of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "spring.cloud.discovery.enabled=false",
        // each suite publishes and consumes on its own exchange and queues, so suites (and a local dev stack on the
        // same broker) never take each other's events
        "inetpublish.messaging.exchange=test.${inetpublish.service-key}.events",
        "inetpublish.messaging.queue-prefix=test.${inetpublish.service-key}.",
        // statement counts for the tests that guard against one query per row
        "spring.jpa.properties.hibernate.session_factory.statement_inspector=io.inetpublish.common.test.SqlStatements"
})
@AutoConfigureMockMvc
@Import(TestInfrastructure.class)
public @interface ServiceIntegrationTest {
}
