package io.inetpublish.common.people;

import java.util.List;
import java.util.function.Function;

import io.inetpublish.common.people.PeopleDirectory.Resolution;
import io.inetpublish.common.web.DownstreamUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Matches owners written as free text (before owners were people) to platform people, a batch of distinct texts at
 * a time: auth-service decides ({@link PeopleDirectory#resolve}: an open_id, an e-mail or a unique name). A match
 * becomes the owner; anything else keeps the text visible with the reason. Runs after the start and every minute
 * ({@code PEOPLE_MIGRATION_INTERVAL}); auth-service being away leaves the texts for the next run. A service names its
 * table's three statements ({@link Statements}): which texts wait and how either answer is recorded.
 */
public abstract class OwnerTextMatching {

    /** How many distinct texts one run asks auth-service about. */
    protected static final int BATCH = 200;

    private static final Logger log = LoggerFactory.getLogger(OwnerTextMatching.class);

    /**
     * The statements of the table that has the owners, with named parameters: {@code waiting} selects up to
     * {@code :batch} distinct owner texts still waiting for an answer; {@code matched} records that {@code :text} is
     * the person {@code :id}, {@code :name}; {@code unmatched} records that {@code :text} matched nobody and why
     * ({@code :reason}, at most 200 characters). Each update answers how many rows it changed.
     */
    public record Statements(String waiting, String matched, String unmatched) {
    }

    private final Function<List<String>, List<Resolution>> resolve;
    private final TransactionTemplate tx;
    private final String owned;
    protected final JdbcClient jdbc;
    private final Statements sql;

    /** @param owned what has the owners, for the log ("customer", "schedule") */
    protected OwnerTextMatching(PeopleDirectory people, TransactionTemplate tx, String owned, JdbcClient jdbc,
            Statements sql) {
        this(people::resolve, tx, owned, jdbc, sql);
    }

    OwnerTextMatching(Function<List<String>, List<Resolution>> resolve, TransactionTemplate tx, String owned,
            JdbcClient jdbc, Statements sql) {
        this.resolve = resolve;
        this.tx = tx;
        this.owned = owned;
        this.jdbc = jdbc;
        this.sql = sql;
    }

    List<String> waiting(int batch) {
        return jdbc.sql(sql.waiting()).param("batch", batch).query(String.class).list();
    }

    int matched(String text, String id, String name) {
        return jdbc.sql(sql.matched()).param("id", id).param("name", name).param("text", text).update();
    }

    int unmatched(String text, String reason) {
        return jdbc.sql(sql.unmatched()).param("reason", reason).param("text", text).update();
    }

    @Scheduled(fixedDelayString = "${inetpublish.people.migration-interval:${PEOPLE_MIGRATION_INTERVAL:PT1M}}",
            initialDelayString = "${inetpublish.people.migration-initial-delay:PT20S}")
    protected void scheduled() {
        try {
            run();
        } catch (DownstreamUnavailableException ex) {
            log.info("Matching {} owners waits for auth-service: {}", owned, ex.getMessage());
        }
    }

    /** Matches up to a batch of waiting owner texts; answers how many rows were matched or marked unmatched. */
    public int run() {
        List<String> texts = waiting(BATCH);
        if (texts.isEmpty()) {
            return 0;
        }
        List<Resolution> answers = resolve.apply(texts);
        Integer changed = tx.execute(status -> {
            int rows = 0;
            for (Resolution r : answers) {
                rows += r.resolved() ? matched(r.value(), r.id(), r.name()) : unmatched(r.value(), reason(r));
            }
            return rows;
        });
        log.info("Matching {} owners: {} of {} owner text(s) matched to a person; {} {}(s) updated", owned,
                answers.stream().filter(Resolution::resolved).count(), answers.size(), changed, owned);
        return changed == null ? 0 : changed;
    }

    private static String reason(Resolution r) {
        return r.reason() == null ? "no match" : r.reason().length() <= 200 ? r.reason() : r.reason().substring(0, 200);
    }
}
