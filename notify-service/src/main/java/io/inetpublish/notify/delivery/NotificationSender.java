package io.inetpublish.notify.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.inetpublish.common.i18n.StoredText;
import io.inetpublish.notify.config.NotifyProperties;
import io.inetpublish.notify.feishu.DeliveryResult;
import io.inetpublish.notify.feishu.FeishuClient;
import io.inetpublish.notify.notification.Channel;
import io.inetpublish.notify.notification.NotificationDeliveries;
import io.inetpublish.notify.notification.NotificationDeliveries.Claimed;
import io.inetpublish.notify.notification.NotificationDeliveries.Due;
import io.inetpublish.notify.notification.NotificationStatus;
import io.inetpublish.notify.settings.SettingsService;
import io.inetpublish.notify.settings.SettingsService.AppCredentials;
import io.inetpublish.notify.settings.SettingsService.WebhookTarget;
import lombok.extern.slf4j.Slf4j;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers the due notification rows: claims them, waits for Feishu's limits, sends, and records the outcome —
 * SENT; FAILED for permanent errors; otherwise PENDING again with {@code next_attempt_at} after the rate-limit reset
 * or an exponential backoff. A row still failing {@code give-up-after} after it became pending is FAILED (and can be
 * resent from the log), so a Feishu outage delays messages but does not drop them.
 *
 * <p>An update of a card already sent (an approver's card once the approval is decided) is delivered the same way
 * with {@code PATCH} on that card's message; it waits while the card is on its way (PENDING), and is SKIPPED when the
 * card never went out or FAILED: an approver's card that goes out after its approval was decided (a FAILED one resent
 * from the log) goes out decided ({@link NotificationDeliveries#load}), so there is nothing left to update.
 *
 * <p>Destinations share the rounds: a round claims at most {@code per-destination} rows of each, and a destination
 * the limiter has no permit for rests until it has one: its claimed rows go back unattempted with their due time
 * (keeping their order) and it is left out of the claims meanwhile. So a group bot with a backlog, which Feishu lets
 * take 5 messages a second, never holds up the messages to anybody else.
 */
@Slf4j
@Component
class NotificationSender {

    private static final Duration PENDING_GAUGE_REFRESH = Duration.ofSeconds(5);

    private final NotificationDeliveries deliveries;
    private final SettingsService settings;
    private final FeishuClient feishu;
    private final NotificationMetrics metrics;
    private final NotifyProperties.Sender config;
    private final NotifyProperties.Limits limits;
    private final FeishuRateLimiter limiter;
    private final Clock clock;
    /** Destinations without a permit ({@link Claimed#destination()}) and until when; used by the rounds only. */
    private final Map<String, Instant> resting = new HashMap<>();
    private Instant pendingRefreshedAt = Instant.MIN;

    NotificationSender(NotificationDeliveries deliveries, SettingsService settings, FeishuClient feishu,
            NotificationMetrics metrics, FeishuRateLimiter limiter, NotifyProperties properties, Clock clock) {
        this.deliveries = deliveries;
        this.settings = settings;
        this.feishu = feishu;
        this.metrics = metrics;
        this.config = properties.sender();
        this.limits = properties.limits();
        this.limiter = limiter;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${inetpublish.notify.sender.poll-interval:500ms}", initialDelayString = "1s")
    void deliverDue() {
        try {
            Instant start = clock.instant();
            resting.values().removeIf(until -> !until.isAfter(start));
            List<Claimed> claimed = deliveries.claimDue(config.batchSize(), config.perDestination(),
                    resting.keySet(), config.lease());
            for (Claimed row : claimed) {
                try {
                    if (resting.containsKey(row.destination())) {
                        deliveries.release(row.id(), row.dueAt());
                    } else {
                        deliveries.load(row.id()).ifPresent(due -> deliver(due, row));
                    }
                } catch (RuntimeException ex) {
                    // e.g. the database went away mid-row: the lease makes the row due again later
                    log.warn("Delivering notification {} failed unexpectedly; it will be retried after its lease",
                            row.id(), ex);
                }
            }
            Instant now = clock.instant();
            if (!claimed.isEmpty() || now.isAfter(pendingRefreshedAt.plus(PENDING_GAUGE_REFRESH))) {
                metrics.pending(deliveries.pendingCount());
                pendingRefreshedAt = now;
            }
        } catch (RuntimeException ex) {
            log.warn("Notification sender round failed: {}", ex.toString());
        }
    }

    private void deliver(Due due, Claimed row) {
        Instant now = clock.instant();
        String updateOf = null;
        if (due.updates() != null) {
            // an update of a card already sent: it needs that card's Feishu message id
            Optional<NotificationDeliveries.Original> original = deliveries.original(due.updates());
            if (original.isEmpty() || original.get().status() == NotificationStatus.SKIPPED
                    || (original.get().status() == NotificationStatus.SENT && original.get().messageId() == null)) {
                deliveries.skipped(due.id(), StoredText.of("delivery.update-never-sent"));
                return;
            }
            if (original.get().status() == NotificationStatus.FAILED) {
                // resent from the log, the card goes out as the decided card (load), a new message: nothing to update
                deliveries.skipped(due.id(), StoredText.of("delivery.update-card-failed", original.get().lastError()));
                return;
            }
            if (original.get().status() != NotificationStatus.SENT) {
                // PENDING (a retry, or a resend from the log, under way): the update follows once it is sent
                Object why = original.get().lastError();
                retry(due, why == null ? StoredText.of("delivery.update-waiting", original.get().status().name())
                        : StoredText.of("delivery.update-waiting-error", original.get().status().name(), why), now);
                return;
            }
            updateOf = original.get().messageId();
        }
        List<FeishuRateLimiter.Limit> keys;
        AppCredentials app = null;
        WebhookTarget webhook = null;
        if (due.channel() == Channel.USER) {
            app = settings.appCredentials();
            if (!app.complete()) {
                retry(due, StoredText.of("delivery.app-not-configured"), now);
                return;
            }
            keys = List.of(
                    new FeishuRateLimiter.Limit("app:" + app.appId(), limits.appPerSecond(), Duration.ofSeconds(1)),
                    new FeishuRateLimiter.Limit("app:" + app.appId(), limits.appPerMinute(), Duration.ofMinutes(1)),
                    new FeishuRateLimiter.Limit("user:" + due.recipient(), limits.userPerSecond(),
                            Duration.ofSeconds(1)));
        } else {
            Optional<WebhookTarget> target = settings.webhook(UUID.fromString(due.recipient()));
            if (target.isEmpty()) {
                deliveries.failed(due.id(), StoredText.of("delivery.webhook-removed"));
                metrics.failed(due.channel(), due.kind());
                return;
            }
            webhook = target.get();
            keys = List.of(
                    new FeishuRateLimiter.Limit("bot:" + webhook.id(), limits.botPerSecond(), Duration.ofSeconds(1)),
                    new FeishuRateLimiter.Limit("bot:" + webhook.id(), limits.botPerMinute(), Duration.ofMinutes(1)));
        }

        Duration wait = limiter.tryAcquire(keys, now);
        if (!wait.isZero()) {
            resting.put(row.destination(), now.plus(wait));
            deliveries.release(due.id(), row.dueAt());
            return;
        }

        DeliveryResult result;
        if (updateOf != null) {
            result = feishu.updateCard(app, updateOf, due.card());
        } else {
            result = due.channel() == Channel.USER
                    ? feishu.sendToUser(app, due.recipient(), due.messageUuid(), due.card())
                    : feishu.sendToWebhook(webhook, due.card());
        }
        Instant after = clock.instant();
        if (result instanceof DeliveryResult.Sent sent) {
            deliveries.sent(due, sent.messageId());
            metrics.sent(due.channel(), due.kind());
        } else if (result instanceof DeliveryResult.Permanent permanent) {
            log.info("Notification {} to {} {} failed for good: {}", due.id(), due.channel(), due.recipient(),
                    permanent.error());
            deliveries.failed(due.id(), permanent.error());
            metrics.failed(due.channel(), due.kind());
        } else if (result instanceof DeliveryResult.RateLimited limited) {
            Instant until = after.plus(limited.retryAfter());
            String key = limited.wholeApp() ? keys.get(0).key() : keys.get(keys.size() - 1).key();
            limiter.block(key, until);
            if (givenUp(due, after)) {
                giveUp(due, limited.error());
            } else {
                deliveries.retryAt(due.id(), limited.error(), until);
                metrics.retried(due.channel(), due.kind());
            }
        } else if (result instanceof DeliveryResult.Transient failure) {
            retry(due, failure.error(), after);
        }
    }

    private void retry(Due due, StoredText error, Instant now) {
        if (givenUp(due, now)) {
            giveUp(due, error);
            return;
        }
        deliveries.retryAt(due.id(), error, now.plus(backoff(due.attempts() + 1)));
        metrics.retried(due.channel(), due.kind());
    }

    private boolean givenUp(Due due, Instant now) {
        return now.isAfter(due.pendingSince().plus(config.giveUpAfter()));
    }

    private void giveUp(Due due, StoredText error) {
        deliveries.failed(due.id(), StoredText.of("delivery.gave-up", config.giveUpAfter(), error));
        metrics.failed(due.channel(), due.kind());
    }

    /** initial × 2^(attempt−1), at most max, plus up to 20 % jitter so retries of many rows spread out. */
    Duration backoff(int attempt) {
        long initial = config.initialBackoff().toMillis();
        long max = config.maxBackoff().toMillis();
        long delay = initial << Math.min(Math.max(attempt - 1, 0), 20);
        delay = Math.min(Math.max(delay, initial), max);
        return Duration.ofMillis(delay + ThreadLocalRandom.current().nextLong(delay / 5 + 1));
    }
}
