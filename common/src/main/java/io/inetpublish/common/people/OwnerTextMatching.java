package io.inetpublish.common.people;

import java.util.List;
import java.util.function.Function;

import io.inetpublish.common.people.PeopleDirectory.Resolution;
import io.inetpublish.common.web.DownstreamUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Matches owners written as free text (before owners were people) to platform people, a batch of distinct texts at
 * a time: auth-service decides ({@link PeopleDirectory#resolve}: an open_id, an e-mail or a unique name). A match
 * becomes the owner; anything else keeps the text visible with the reason. Runs after the start and every minute
 * ({@code PEOPLE_MIGRATION_INTERVAL}); auth-service being away leaves the texts for the next run. A service says which
 * texts wait and how it records either answer.
 */
public abstract class OwnerTextMatching {

    /** How many distinct texts one run asks auth-service about. */
    protected static final int BATCH = 200;

    private static final Logger log = LoggerFactory.getLogger(OwnerTextMatching.class);

    private final Function<List<String>, List<Resolution>> resolve;
    private final TransactionTemplate tx;
    private final String owned;

    /** @param owned what has the owners, for the log ("customer", "schedule") */
    protected OwnerTextMatching(PeopleDirectory people, TransactionTemplate tx, String owned) {
        this(people::resolve, tx, owned);
    }

    OwnerTextMatching(Function<List<String>, List<Resolution>> resolve, TransactionTemplate tx, String owned) {
        this.resolve = resolve;
        this.tx = tx;
        this.owned = owned;
    }

    /** Up to {@code batch} distinct owner texts still waiting for an answer. */
    protected abstract List<String> waiting(int batch);

    /** Records that {@code text} is the person {@code id}, {@code name}; answers how many rows changed. */
    protected abstract int matched(String text, String id, String name);

    /** Records that {@code text} matched nobody and why (at most 200 characters); answers how many rows changed. */
    protected abstract int unmatched(String text, String reason);

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
