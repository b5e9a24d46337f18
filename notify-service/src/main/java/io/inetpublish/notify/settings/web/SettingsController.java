package io.inetpublish.notify.settings.web;

import io.inetpublish.notify.settings.SettingsService;
import io.inetpublish.notify.settings.SettingsUpdate;
import io.inetpublish.notify.settings.SettingsView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import lombok.RequiredArgsConstructor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Feishu settings (admin only once the auth work lands): app credentials and group bot webhooks. */
@Tag(name = "Feishu settings",
        description = "Feishu app credentials and group bot webhooks; admin only, secrets are write-only.")
@RestController
@RequestMapping("/api/notifications/settings")
@RequiredArgsConstructor
class SettingsController {

    private final SettingsService settings;

    @Operation(summary = "Show the Feishu settings", description = "Admin.")
    @GetMapping
    SettingsView get() {
        return settings.view();
    }

    @Operation(summary = "Change the Feishu settings", description = "Admin.")
    @PutMapping
    SettingsView put(@Valid @RequestBody SettingsUpdate update) {
        return settings.update(update);
    }
}
