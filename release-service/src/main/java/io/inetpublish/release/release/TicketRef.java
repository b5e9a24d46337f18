package io.inetpublish.release.release;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import lombok.AccessLevel;
import lombok.AllArgsConstructor;
import lombok.Getter;
import lombok.NoArgsConstructor;

/** A reference to a ticket (工单) in the ticket system: its id and, optionally, a link. */
@Embeddable
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
@AllArgsConstructor
public class TicketRef {

    @Column(name = "ticket_id", nullable = false)
    private String ticketId;

    private String url;
}
