package io.inetpublish.gateway.observability;

import io.prometheus.metrics.tracer.common.SpanContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * No trace exemplars in the Prometheus output: Prometheus before 2.43 (Debian's 2.42) refuses a scrape that carries
 * exemplars on a timer's {@code _count} series and reports the gateway as down.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    SpanContext noPrometheusExemplars() {
        return new SpanContext() {
            @Override
            public String getCurrentTraceId() {
                return null;
            }

            @Override
            public String getCurrentSpanId() {
                return null;
            }

            @Override
            public boolean isCurrentSpanSampled() {
                return false;
            }

            @Override
            public void markCurrentSpanAsExemplar() {
                // never an exemplar
            }
        };
    }
}
