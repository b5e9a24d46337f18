package io.inetpublish.common.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.inetpublish.common.people.PeopleDirectory.Resolution;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

class OwnerTextMatchingTest {

    /** Owner texts in memory; each recorded answer changes two rows, so that the count is checked. */
    static class Owners extends OwnerTextMatching {

        final List<String> waiting;
        final List<String> recorded = new ArrayList<>();
        int batchAskedFor;

        Owners(List<String> waiting, Function<List<String>, List<Resolution>> resolve) {
            super(resolve, new TransactionTemplate(new NoTransactions()), "thing", null, null);
            this.waiting = waiting;
        }

        @Override
        List<String> waiting(int batch) {
            batchAskedFor = batch;
            return waiting;
        }

        @Override
        int matched(String text, String id, String name) {
            recorded.add(text + " -> " + id + "/" + name);
            return 2;
        }

        @Override
        int unmatched(String text, String reason) {
            recorded.add(text + " x " + reason);
            return 2;
        }
    }

    @Test
    void recordsEachAnswerAndCountsTheRowsChanged() {
        Map<String, Resolution> answers = Map.of(
                "zhangsan@corp", new Resolution("zhangsan@corp", "ou_1", "张三", null),
                "Li", new Resolution("Li", null, null, "r".repeat(250)),
                "nobody", new Resolution("nobody", null, null, null));
        Owners owners = new Owners(List.of("zhangsan@corp", "Li", "nobody"),
                texts -> texts.stream().map(answers::get).toList());

        assertThat(owners.run()).isEqualTo(6);
        assertThat(owners.batchAskedFor).isEqualTo(200);
        assertThat(owners.recorded).containsExactly("zhangsan@corp -> ou_1/张三", "Li x " + "r".repeat(200),
                "nobody x no match");
    }

    @Test
    void asksAuthServiceNothingWhenNoTextWaits() {
        List<List<String>> asked = new ArrayList<>();
        Owners owners = new Owners(List.of(), texts -> {
            asked.add(texts);
            return List.of();
        });

        assertThat(owners.run()).isZero();
        assertThat(asked).isEmpty();
        assertThat(owners.recorded).isEmpty();
    }

    static class NoTransactions implements PlatformTransactionManager {

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {
        }

        @Override
        public void rollback(TransactionStatus status) {
        }
    }
}
