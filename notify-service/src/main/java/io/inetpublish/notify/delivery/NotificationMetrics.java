package io.inetpublish.notify.delivery;

import java.util.concurrent.atomic.AtomicLong;

import io.inetpublish.notify.notification.Channel;
import io.inetpublish.notify.notification.NotificationKind;
import io.micrometer.core.instrument.Counter;
import io.inetpublish.common.observability.SharedGauges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code inetpublish_notifications_sent_total} and {@code inetpublish_notifications_failed_total} (tagged channel and
 * kind), {@code inetpublish_notifications_retried_total}, and the {@code inetpublish_notifications_pending} gauge
 * (refreshed by the sender).
 */
@Component
class NotificationMetrics {

    private final MeterRegistry registry;
    private final AtomicLong pending = new AtomicLong();

    NotificationMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("inetpublish.notifications.pending", pending, AtomicLong::get)
                .description(SharedGauges.describe("Notifications waiting to be delivered to Feishu")).register(registry);
    }

    void sent(Channel channel, NotificationKind kind) {
        counter("inetpublish.notifications.sent", "Notifications delivered to Feishu", channel, kind).increment();
    }

    void failed(Channel channel, NotificationKind kind) {
        counter("inetpublish.notifications.failed", "Notifications Feishu refused for good", channel, kind)
                .increment();
    }

    void retried(Channel channel, NotificationKind kind) {
        counter("inetpublish.notifications.retried", "Delivery attempts that will be retried", channel, kind)
                .increment();
    }

    void pending(long count) {
        pending.set(count);
    }

    private Counter counter(String name, String description, Channel channel, NotificationKind kind) {
        return Counter.builder(name).description(description).tag("channel", channel.name())
                .tag("kind", kind.name()).register(registry);
    }
}
