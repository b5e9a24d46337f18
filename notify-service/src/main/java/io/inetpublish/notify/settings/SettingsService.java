package io.inetpublish.notify.settings;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.outbox.Outbox;
import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.security.CurrentActor;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.notify.config.FeishuProperties;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Feishu settings: the app that messages people and the group bots. */
@Service
@RequiredArgsConstructor
public class SettingsService {

    private final FeishuSettingsRepository settings;
    private final BotWebhookRepository webhooks;
    private final WebhookUrlPolicy urlPolicy;
    private final FeishuProperties defaults;
    private final CurrentActor currentActor;
    private final Clock clock;
    private final Outbox outbox;

    /** The app that sends to people; the configured environment defaults while the settings were never saved. */
    public record AppCredentials(String appId, String appSecret) {

        public boolean complete() {
            return appId != null && !appId.isBlank() && appSecret != null && !appSecret.isBlank();
        }

        @Override
        public String toString() {
            return "AppCredentials[appId=" + appId + "]";
        }
    }

    /** A group bot to post to. */
    public record WebhookTarget(UUID id, String name, String url, String secret) {

        @Override
        public String toString() {
            return "WebhookTarget[id=" + id + ", name=" + name + "]";
        }
    }

    @Transactional(readOnly = true)
    public AppCredentials appCredentials() {
        return settings.findById(FeishuSettings.ID)
                .map(s -> new AppCredentials(s.getAppId(), s.getAppSecret()))
                .orElseGet(() -> new AppCredentials(defaults.appId(), defaults.appSecret()));
    }

    /** The group bots subscribed to an event type, in their configured order. */
    @Transactional(readOnly = true)
    public List<WebhookTarget> webhooksFor(String eventType) {
        return webhooks.findAllByOrderByPositionAsc().stream()
                .filter(w -> w.getEventTypes().contains(eventType))
                .map(SettingsService::target)
                .toList();
    }

    @Transactional(readOnly = true)
    public Optional<WebhookTarget> webhook(UUID id) {
        return webhooks.findById(id).map(SettingsService::target);
    }

    @Transactional(readOnly = true)
    public SettingsView view() {
        Optional<FeishuSettings> stored = settings.findById(FeishuSettings.ID);
        AppCredentials app = appCredentials();
        return new SettingsView(app.appId(), app.appSecret() != null && !app.appSecret().isEmpty(),
                webhooks.findAllByOrderByPositionAsc().stream().map(SettingsService::view).toList(),
                stored.map(FeishuSettings::getUpdatedAt).orElse(null),
                stored.map(s -> PersonRef.of(s.getUpdatedById(), s.getUpdatedBy())).orElse(null));
    }

    /** Replaces the settings document; validated completely before anything is stored. */
    @Transactional
    public SettingsView update(SettingsUpdate update) {
        Instant now = clock.instant();
        Map<UUID, BotWebhook> existing = new HashMap<>();
        webhooks.findAll().forEach(w -> existing.put(w.getId(), w));

        List<Set<String>> eventTypes = new ArrayList<>();
        Set<UUID> seenIds = new LinkedHashSet<>();
        for (int i = 0; i < update.webhooks().size(); i++) {
            SettingsUpdate.Webhook w = update.webhooks().get(i);
            String field = "webhooks[" + i + "]";
            if (w.id() != null && (!existing.containsKey(w.id()) || !seenIds.add(w.id()))) {
                throw new FieldException(field + ".id", "settings.webhook-unknown");
            }
            var urlProblem = urlPolicy.problem(w.url());
            if (urlProblem != null) {
                throw new FieldException(field + ".url", "integration-url.refused", urlProblem);
            }
            Set<String> types = new LinkedHashSet<>();
            for (int j = 0; j < w.eventTypes().size(); j++) {
                String type = w.eventTypes().get(j).strip();
                if (!NotifiableEvents.TYPES.contains(type)) {
                    throw new FieldException(field + ".eventTypes[" + j + "]",
                            "settings.event-type", String.join(", ", NotifiableEvents.TYPES));
                }
                types.add(type);
            }
            eventTypes.add(types);
        }

        AppCredentials appBefore = appCredentials();
        Map<UUID, String> secretsBefore = new HashMap<>();
        existing.values().forEach(w -> secretsBefore.put(w.getId(), w.getUrl() + "\n" + w.getSecret()));
        String webhooksBefore = describe(webhooks.findAllByOrderByPositionAsc());
        FeishuSettings app = settings.findById(FeishuSettings.ID).orElseGet(() -> {
            FeishuSettings created = FeishuSettings.create();
            // keep the configured secret when an admin first saves only the app id
            created.update(defaults.appId(), defaults.appSecret(), null, now);
            return created;
        });
        app.update(update.appId(), update.appSecret(), currentActor.get(), now);
        settings.save(app);

        existing.keySet().stream().filter(id -> !seenIds.contains(id)).forEach(webhooks::deleteById);
        for (int i = 0; i < update.webhooks().size(); i++) {
            SettingsUpdate.Webhook w = update.webhooks().get(i);
            BotWebhook webhook = w.id() == null ? BotWebhook.create(now) : existing.get(w.id());
            webhook.update(w.name(), w.url(), w.secret(), eventTypes.get(i), i, now);
            webhooks.save(webhook);
        }
        webhooks.flush();
        List<BotWebhook> after = webhooks.findAllByOrderByPositionAsc();
        AppCredentials appAfter = appCredentials();
        // for the audit trail: names and event types, never a URL or secret (a webhook URL is its credential)
        AuditEvent.Builder audit = AuditEvent.builder(AuditEvent.Kind.INTEGRATION_SETTINGS,
                        Action.INTEGRATION_SETTINGS_CHANGED)
                .target("feishu", "Feishu")
                .change("appId", appBefore.appId(), appAfter.appId())
                .change("webhooks", webhooksBefore, describe(after));
        if (!java.util.Objects.equals(appBefore.appSecret(), appAfter.appSecret())) {
            audit.fact("appSecretChanged", true);
        }
        List<String> newAddresses = after.stream()
                .filter(w -> secretsBefore.containsKey(w.getId())
                        && !secretsBefore.get(w.getId()).equals(w.getUrl() + "\n" + w.getSecret()))
                .map(BotWebhook::getName).toList();
        if (!newAddresses.isEmpty()) {
            audit.fact("webhookAddressChanged", String.join(", ", newAddresses));
        }
        outbox.publish(EventTypes.INTEGRATION_SETTINGS_CHANGED, audit.build());
        return view();
    }

    /** "name: type, type; name: type" in the stored order, or null when there are no webhooks. */
    private static String describe(List<BotWebhook> list) {
        return list.isEmpty() ? null : list.stream()
                .map(w -> w.getName() + ": " + String.join(", ", w.getEventTypes()))
                .collect(java.util.stream.Collectors.joining("; "));
    }

    private static WebhookTarget target(BotWebhook w) {
        return new WebhookTarget(w.getId(), w.getName(), w.getUrl(), w.getSecret());
    }

    private static SettingsView.Webhook view(BotWebhook w) {
        return new SettingsView.Webhook(w.getId(), w.getName(), w.getUrl(), w.getSecret() != null,
                List.copyOf(w.getEventTypes()));
    }
}
