package io.inetpublish.notify.settings;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The settings as shown: secrets only as "set or not". */
public record SettingsView(String appId, boolean appSecretSet, List<Webhook> webhooks, Instant updatedAt,
        String updatedBy) {

    public record Webhook(UUID id, String name, String url, boolean secretSet, List<String> eventTypes) {
    }
}
