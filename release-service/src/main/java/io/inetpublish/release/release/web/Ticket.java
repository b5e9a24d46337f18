package io.inetpublish.release.release.web;

import java.util.List;

import io.inetpublish.common.text.Texts;
import io.inetpublish.release.release.TicketRef;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A ticket (工单) as release records, schedules and rollouts take it: its id and, optionally, an http(s) link. */
public record Ticket(@NotBlank @Size(max = 100) String id,
        @Size(max = 1000) @Pattern(regexp = "https?://\\S+", message = "{validation.http-url}") String url) {

    /** The tickets as stored (id and link stripped, a blank link none); none given: an empty list. */
    public static List<TicketRef> refs(List<Ticket> tickets) {
        return tickets == null ? List.of()
                : tickets.stream().map(t -> new TicketRef(t.id().strip(), Texts.blankToNull(t.url()))).toList();
    }
}
