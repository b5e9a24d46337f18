package io.inetpublish.notify.settings;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.people.PersonRef;
import io.swagger.v3.oas.annotations.media.Schema;

/** The settings as shown: secrets only as "set or not"; {@code updatedBy} a person (by name: no id was recorded). */
public record SettingsView(String appId, boolean appSecretSet, List<Webhook> webhooks, Instant updatedAt,
        PersonRef updatedBy) {

    @Schema(name = "WebhookView")
    public record Webhook(UUID id, String name, String url, boolean secretSet, List<String> eventTypes) {
    }
}
