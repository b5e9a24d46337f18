package io.inetpublish.observability;

import io.prometheus.metrics.tracer.common.SpanContext;

/**
 * A span context that never offers an exemplar. With tracing on, Micrometer would attach trace exemplars to the
 * {@code _count} series of timers in the OpenMetrics output; Prometheus before 2.43 (Debian's 2.42 among them)
 * refuses the whole scrape for that ("does not support exemplars") and reports the service as down. The one copy for
 * the gateway (its own bean) and every service (common's {@code ObservabilityAutoConfiguration}): it lives here, in the
 * module both of them use, because the gateway does not use {@code common}.
 */
public final class NoExemplars implements SpanContext {

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
}
