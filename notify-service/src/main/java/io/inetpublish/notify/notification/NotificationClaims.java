package io.inetpublish.notify.notification;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.inetpublish.notify.notification.NotificationDeliveries.Claimed;

/**
 * The sender's claim on due rows, part of {@link NotificationRepository}. It is SQL because JPA has neither
 * {@code FOR UPDATE SKIP LOCKED} on a ranked selection nor {@code UPDATE … RETURNING}; it changes only
 * {@code next_attempt_at}, and no entity is loaded in its transaction.
 */
public interface NotificationClaims {

    /**
     * Claims up to {@code limit} PENDING rows due by {@code now}, oldest first, at most {@code perDestination} of any
     * one destination and none of the {@code resting} ones, hiding them until {@code hiddenUntil}; answered in due
     * order, each with the due time it had.
     */
    List<Claimed> claimDue(Instant now, int limit, int perDestination, Collection<String> resting,
            Instant hiddenUntil);
}
