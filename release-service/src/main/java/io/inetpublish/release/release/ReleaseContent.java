package io.inetpublish.release.release;

import java.util.List;

import io.inetpublish.common.event.UpdateType;

/** What a submitter writes on a release record (everything except its identity and history). */
public record ReleaseContent(String title, String description, UpdateType updateType, boolean configChange,
        String configNotes, String manual, List<TicketRef> tickets, List<ReleaseItem> items) {
}
