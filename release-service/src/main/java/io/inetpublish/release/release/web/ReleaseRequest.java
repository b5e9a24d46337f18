package io.inetpublish.release.release.web;

import java.util.List;

import io.inetpublish.common.text.Texts;
import io.inetpublish.common.version.ValidVersion;
import io.inetpublish.release.release.ReleaseContent;
import io.inetpublish.release.release.ReleaseItem;
import io.inetpublish.common.event.UpdateType;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of submitting or editing a release record. {@code configChange} defaults to false; {@code version} (edit
 * only) guards against lost updates.
 */
record ReleaseRequest(
        @NotBlank @Size(max = 300) String title,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull Ticket> tickets,
        @Size(max = 20000) String description,
        @NotEmpty @Size(max = 100) List<@Valid @NotNull Item> items,
        @NotNull UpdateType updateType,
        Boolean configChange,
        @Size(max = 20000) String configNotes,
        @Size(max = 200000) String manual,
        Long version) {

    @Schema(name = "ReleaseRequestItem")
    record Item(@NotBlank @Size(max = 100) String component,
            @NotBlank @ValidVersion String version) {
    }

    ReleaseContent content() {
        boolean config = Boolean.TRUE.equals(configChange);
        return new ReleaseContent(title.strip(), Texts.blankToNull(description), updateType, config,
                config ? Texts.blankToNull(configNotes) : null, Texts.blankToNull(manual),
                Ticket.refs(tickets),
                items.stream().map(i -> new ReleaseItem(i.component().strip(), i.version().strip())).toList());
    }
}
