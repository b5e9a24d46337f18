package io.inetpublish.customer.customer;

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
 * Matches owners written as free text (before owners were people) to platform people: an
 * open_id, an e-mail or a unique name (auth-service decides, {@link PeopleDirectory#resolve}). A match becomes the
 * owner (id and name); anything else is kept visible as UNRESOLVED with the reason, for an admin to fix. Runs after
 * the start and every minute while something is PENDING; auth-service being away leaves it PENDING for the next run.
 */
@Component
@RequiredArgsConstructor
@Slf4j
public class OwnerMigration {

    private static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final PeopleDirectory people;
    private final TransactionTemplate tx;

    @Scheduled(fixedDelayString = "${inetpublish.people.migration-interval:${PEOPLE_MIGRATION_INTERVAL:PT1M}}",
            initialDelayString = "${inetpublish.people.migration-initial-delay:PT20S}")
    void scheduled() {
        try {
            run();
        } catch (DownstreamUnavailableException ex) {
            log.info("Owner migration waits for auth-service: {}", ex.getMessage());
        }
    }

    /** Matches up to a batch of pending owner texts; answers how many customers were matched or marked unresolved. */
    public int run() {
        List<String> texts = jdbc.sql("""
                select distinct owner_text from customer where owner_status = 'PENDING' and owner_text is not null
                order by owner_text limit :batch""").param("batch", BATCH).query(String.class).list();
        if (texts.isEmpty()) {
            return 0;
        }
        List<Resolution> answers = people.resolve(texts);
        Integer changed = tx.execute(status -> {
            int rows = 0;
            for (Resolution r : answers) {
                if (r.resolved()) {
                    rows += jdbc.sql("""
                            update customer set owner_id = :id, owner = :name, owner_status = 'RESOLVED',
                                owner_text = null, owner_reason = null, version = version + 1
                            where owner_status = 'PENDING' and owner_text = :text""")
                            .param("id", r.id()).param("name", r.name()).param("text", r.value()).update();
                } else {
                    rows += jdbc.sql("""
                            update customer set owner_status = 'UNRESOLVED', owner_reason = :reason,
                                version = version + 1
                            where owner_status = 'PENDING' and owner_text = :text""")
                            .param("reason", truncate(r.reason())).param("text", r.value()).update();
                }
            }
            return rows;
        });
        long resolved = answers.stream().filter(Resolution::resolved).count();
        log.info("Owner migration: {} of {} owner text(s) matched to a person; {} customer(s) updated", resolved,
                answers.size(), changed);
        return changed == null ? 0 : changed;
    }

    /** An admin asks to try the unmatched owners again. */
    public int retryUnresolved() {
        jdbc.sql("update customer set owner_status = 'PENDING' where owner_status = 'UNRESOLVED'").update();
        return run();
    }

    private static String truncate(String reason) {
        return reason == null ? "no match" : reason.length() <= 200 ? reason : reason.substring(0, 200);
    }
}
