package io.inetpublish.gateway.observability;

import io.inetpublish.observability.NoExemplars;
import io.prometheus.metrics.tracer.common.SpanContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** No trace exemplars in the Prometheus output, as in every service ({@link NoExemplars} says why). */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    SpanContext noPrometheusExemplars() {
        return new NoExemplars();
    }
}
