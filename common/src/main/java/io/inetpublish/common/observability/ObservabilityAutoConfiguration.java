package io.inetpublish.common.observability;

import io.inetpublish.observability.NoExemplars;
import io.prometheus.metrics.tracer.common.SpanContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Metrics every Prometheus can scrape: no exemplars (see {@link NoExemplars}). */
@AutoConfiguration(before = PrometheusExemplarsAutoConfiguration.class)
@ConditionalOnClass(SpanContext.class)
public class ObservabilityAutoConfiguration {

    @Bean
    SpanContext noPrometheusExemplars() {
        return new NoExemplars();
    }
}
