package io.inetpublish.notify.settings;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The whole settings document as an admin saves it. Secrets are write-only: {@code null} keeps the stored one, an
 * empty string removes it; the app id likewise ({@code null} keeps it, empty removes it). Webhooks not listed are removed; a listed webhook with an {@code id} is updated.
 */
public record SettingsUpdate(@Size(max = 64) String appId, @Size(max = 256) String appSecret,
        @NotNull @Size(max = 50) List<@Valid @NotNull Webhook> webhooks) {

    @Override
    public String toString() {
        return "SettingsUpdate[appId=" + appId + ", webhooks=" + webhooks + "]";
    }

    @Schema(name = "WebhookUpdate")
    public record Webhook(UUID id, @NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 1000) String url,
            @Size(max = 256) String secret, @NotNull List<@NotBlank String> eventTypes) {

        @Override
        public String toString() {
            return "Webhook[id=" + id + ", name=" + name + "]";
        }
    }
}
