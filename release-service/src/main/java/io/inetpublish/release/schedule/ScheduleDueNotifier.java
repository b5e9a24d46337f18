package io.inetpublish.release.schedule;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.event.ScheduleDue;
import io.inetpublish.common.outbox.Outbox;
import io.inetpublish.release.ReleaseProperties;
import io.inetpublish.common.i18n.Messages;
import io.inetpublish.common.i18n.MessagesAutoConfiguration;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes {@code schedule.due} once {@code DUE_SOON} (24 h before the planned time) and once {@code OVERDUE} per
 * schedule. Each run claims schedules by stamping {@code due_soon_notified_at} / {@code overdue_notified_at} with an
 * UPDATE over rows locked {@code FOR UPDATE SKIP LOCKED}, in the same transaction as the outbox rows: when several
 * instances run at once each schedule is claimed by exactly one of them, and a failed run claims nothing.
 */
@Slf4j
@Component
@RequiredArgsConstructor
public class ScheduleDueNotifier {

    private static final int BATCH = 200;

    private final JdbcTemplate jdbc;
    private final UpdateScheduleRepository schedules;
    private final Outbox outbox;
    private final ReleaseProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final Messages messages;

    @Scheduled(fixedDelayString = "${inetpublish.release.due-check-interval:PT1M}",
            initialDelayString = "${inetpublish.release.due-check-initial-delay:PT30S}")
    void run() {
        // the claim and the outbox rows must commit together: a self-call would bypass notifyDue's @Transactional
        // proxy, commit the claim alone and lose the announcement (seen with two instances running)
        Integer published = transactions.execute(status -> notifyDue(clock.instant()));
        if (published != null && published > 0) {
            log.info("Published {} schedule.due event(s)", published);
        }
    }

    /** Claims and announces what is due at {@code now}; answers how many events were written. */
    @Transactional
    public int notifyDue(Instant now) {
        Timestamp at = Timestamp.from(now);
        List<UUID> dueSoon = jdbc.queryForList("""
                update update_schedule set due_soon_notified_at = ?
                where id in (select id from update_schedule
                             where status = 'PLANNED' and due_soon_notified_at is null
                               and planned_at > ? and planned_at <= ?
                             order by planned_at limit ? for update skip locked)
                returning id
                """, UUID.class, at, at, Timestamp.from(now.plus(properties.dueSoon())), BATCH);
        List<UUID> overdue = jdbc.queryForList("""
                update update_schedule set overdue_notified_at = ?
                where id in (select id from update_schedule
                             where status = 'PLANNED' and overdue_notified_at is null and planned_at <= ?
                             order by planned_at limit ? for update skip locked)
                returning id
                """, UUID.class, at, at, BATCH);
        dueSoon.forEach(id -> publish(id, ScheduleDue.Phase.DUE_SOON));
        overdue.forEach(id -> publish(id, ScheduleDue.Phase.OVERDUE));
        return dueSoon.size() + overdue.size();
    }

    private void publish(UUID id, ScheduleDue.Phase phase) {
        UpdateSchedule schedule = schedules.findById(id).orElseThrow();
        outbox.publish(EventTypes.SCHEDULE_DUE, Actor.system(), new ScheduleDue(ScheduleDue.SCHEMA_VERSION,
                schedule.getId(), phase, schedule.title(messages, MessagesAutoConfiguration.DEFAULT_LOCALE),
                schedule.getPlannedAt(), schedule.getCustomerId(),
                schedule.getCustomerName(), schedule.getEnvironments().stream()
                        .map(ScheduleEnvironment::getEnvironmentId).toList(), schedule.getOwnerId(),
                schedule.getOwnerName(), schedule.getCustomerOwner()));
    }
}
