package io.inetpublish.common.test;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.testcontainers.DockerClientFactory;

/**
 * True when a Docker engine answers. Then tests run on Testcontainers; otherwise on the machine's own PostgreSQL and
 * RabbitMQ. Set {@code INETPUBLISH_TEST_DOCKER=false} to force the local services.
 */
final class DockerAvailable implements Condition {

    private static Boolean available;

    static synchronized boolean check() {
        if (available == null) {
            available = !"false".equalsIgnoreCase(System.getenv("INETPUBLISH_TEST_DOCKER")) && probe();
        }
        return available;
    }

    private static boolean probe() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return check();
    }

    static final class Not implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !check();
        }
    }
}
