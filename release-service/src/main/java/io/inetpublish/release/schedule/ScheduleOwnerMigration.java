package io.inetpublish.release.schedule;

import java.util.List;

import io.inetpublish.common.people.PeopleDirectory;
import io.inetpublish.common.people.PeopleDirectory.Resolution;
import io.inetpublish.common.web.DownstreamUnavailableException;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Matches schedule owners written as free text (owner_id null: schedules planned before owners were people) to
 * platform people, as customer-service does for customers: a match sets owner_id and the name, so reminders reach
 * the person; otherwise owner_reason keeps why, and the text stays visible.
 */
@Component
@RequiredArgsConstructor
@Slf4j
public class ScheduleOwnerMigration {

    private final JdbcClient jdbc;
    private final PeopleDirectory people;
    private final TransactionTemplate tx;

    @Scheduled(fixedDelayString = "${inetpublish.people.migration-interval:${PEOPLE_MIGRATION_INTERVAL:PT1M}}",
            initialDelayString = "${inetpublish.people.migration-initial-delay:PT20S}")
    void scheduled() {
        try {
            run();
        } catch (DownstreamUnavailableException ex) {
            log.info("Schedule owner migration waits for auth-service: {}", ex.getMessage());
        }
    }

    public int run() {
        List<String> texts = jdbc.sql("""
                select distinct owner_name from update_schedule
                where owner_id is null and owner_name is not null and owner_reason is null
                order by owner_name limit 200""").query(String.class).list();
        if (texts.isEmpty()) {
            return 0;
        }
        List<Resolution> answers = people.resolve(texts);
        Integer changed = tx.execute(status -> {
            int rows = 0;
            for (Resolution r : answers) {
                rows += r.resolved()
                        ? jdbc.sql("""
                                update update_schedule set owner_id = :id, owner_name = :name, version = version + 1
                                where owner_id is null and owner_name = :text and owner_reason is null""")
                                .param("id", r.id()).param("name", r.name()).param("text", r.value()).update()
                        : jdbc.sql("""
                                update update_schedule set owner_reason = :reason
                                where owner_id is null and owner_name = :text and owner_reason is null""")
                                .param("reason", r.reason() == null ? "no match" : r.reason().length() > 200
                                        ? r.reason().substring(0, 200) : r.reason())
                                .param("text", r.value()).update();
            }
            return rows;
        });
        log.info("Schedule owner migration: {} of {} owner text(s) matched; {} schedule(s) updated",
                answers.stream().filter(Resolution::resolved).count(), answers.size(), changed);
        return changed == null ? 0 : changed;
    }
}
