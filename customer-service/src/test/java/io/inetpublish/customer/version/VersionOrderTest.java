package io.inetpublish.customer.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionOrderTest {

    private static final VersionOrder ORDER = VersionOrder.INSTANCE;

    /** Every version here is strictly smaller than the next one. */
    private static final List<String> ASCENDING = List.of(
            "0.9", "1", "1.0", "1.0.0-alpha", "1.0.0-alpha.beta", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0-beta.2",
            "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2", "1.10", "2.x", "2.0", "2.3.1-hotfix.2",
            "2.3.1-hotfix.10", "2.3.1-rc1", "2.3.1-rc2", "2.3.1-rc10", "2.3.1", "2.3.1.1", "2.3.2", "2.3.9", "v2.3.10",
            "2.3.10a", "2.3.11", "2.10.0", "10.0.0", "2024.07.01-b9", "2024.07.01-b113", "2024.07.01",
            "2024.7.2", "2024.12.31", "99999999999999999999.0");

    @Test
    void sortsAShuffledListIntoNaturalOrder() {
        List<String> shuffled = new ArrayList<>(ASCENDING);
        Collections.shuffle(shuffled, new Random(42));
        shuffled.sort(ORDER);
        assertThat(shuffled).containsExactlyElementsOf(ASCENDING);
    }

    @Test
    void ordersEveryPairOfTheLadderConsistently() {
        for (int i = 0; i < ASCENDING.size(); i++) {
            for (int j = 0; j < ASCENDING.size(); j++) {
                String a = ASCENDING.get(i);
                String b = ASCENDING.get(j);
                assertThat(Integer.signum(ORDER.compare(a, b))).as("%s vs %s", a, b)
                        .isEqualTo(Integer.compare(i, j));
            }
        }
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
            "2.3.9, 2.3.10",
            "2.9, 2.10",
            "1.99.99, 2",
            "2.3.1-rc1, 2.3.1",
            "2.3.1-hotfix.2, 2.3.1",
            "2.3.1-rc.9, 2.3.1-rc.10",
            "2.3.1, 2.3.2-rc1",
            "2.3, 2.3.0",
            "2.3.0, 2.3.0.1",
            "2024.07.01-b113, 2024.07.01",
            "2024.07.01-b113, 2024.07.01-b114",
            "2024.07.01, 2024.07.02-b1",
            "2024.06.30, 2024.07.01",
            "2.3.x, 2.3.0",
            "2.3a, 2.3b",
            "2.3.1-RC1, 2.3.1-rc2",
            "v1.9, 1.10",
            "1.9, V1.10",
            "0.0.1, 0.1"
    })
    void ordersPairs(String smaller, String larger) {
        assertThat(ORDER.compare(smaller, larger)).isNegative();
        assertThat(ORDER.compare(larger, smaller)).isPositive();
        assertThat(VersionOrder.sortKey(smaller)).isLessThan(VersionOrder.sortKey(larger));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "2.3.1, v2.3.1",
            "2.3.1, V2.3.1",
            "2.3.01, 2.3.1",
            "2.3.1, 2_3_1",
            "2.3.1-RC1, 2.3.1-rc1",
            "2.3.1-rc.1, 2.3.1-rc1",
            "' 2.3.1 ', 2.3.1",
            "2.0.0, 2.00.000"
    })
    void treatsSpellingsOfTheSameVersionAsEqual(String a, String b) {
        assertThat(ORDER.compare(a, b)).isZero();
        assertThat(VersionOrder.same(a, b)).isTrue();
        assertThat(VersionOrder.sortKey(a)).isEqualTo(VersionOrder.sortKey(b));
    }

    @Test
    void keepsALeadingLetterVThatIsNotBeforeADigit() {
        assertThat(ORDER.compare("vnext", "next")).isNotZero();
        assertThat(ORDER.compare("v", "1")).isNegative();
    }

    @Test
    void sortKeyOrderMatchesTheComparatorForRandomVersions() {
        Random random = new Random(7);
        List<String> versions = new ArrayList<>(ASCENDING);
        String[] words = {"rc", "beta", "alpha", "hotfix", "b", "x"};
        for (int n = 0; n < 400; n++) {
            StringBuilder v = new StringBuilder(random.nextBoolean() ? "v" : "");
            int parts = 1 + random.nextInt(4);
            for (int p = 0; p < parts; p++) {
                v.append(p == 0 ? "" : ".").append(random.nextInt(random.nextBoolean() ? 12 : 3000));
            }
            if (random.nextInt(3) == 0) {
                v.append('-').append(words[random.nextInt(words.length)]);
                if (random.nextBoolean()) {
                    v.append(random.nextBoolean() ? "." : "").append(random.nextInt(120));
                }
            }
            versions.add(v.toString());
        }
        for (String a : versions) {
            for (String b : versions) {
                int byComparator = Integer.signum(ORDER.compare(a, b));
                int byKey = Integer.signum(VersionOrder.sortKey(a).compareTo(VersionOrder.sortKey(b)));
                assertThat(byKey).as("%s vs %s", a, b).isEqualTo(byComparator);
            }
        }
    }

    @Test
    void isATotalOrderOverTheLadder() {
        for (String a : ASCENDING) {
            assertThat(ORDER.compare(a, a)).isZero();
            for (String b : ASCENDING) {
                for (String c : ASCENDING) {
                    if (ORDER.compare(a, b) < 0 && ORDER.compare(b, c) < 0) {
                        assertThat(ORDER.compare(a, c)).as("%s < %s < %s", a, b, c).isNegative();
                    }
                }
            }
        }
    }

    @Nested
    class Validity {

        @ParameterizedTest
        @CsvSource({"2.3.1", "v2.3.10", "2.3.1-hotfix.2", "2024.07.01-b113", "1.0.0+build.5", "release_7"})
        void acceptsUsualVersions(String version) {
            assertThat(VersionOrder.isValid(version)).isTrue();
        }

        @ParameterizedTest
        @CsvSource({"''", "' '", "-1", ".2", "2.3 1", "2.3;drop", "版本1"})
        void refusesOddVersions(String version) {
            assertThat(VersionOrder.isValid(version)).isFalse();
        }

        @Test
        void refusesVersionsLongerThanTheLimit() {
            assertThat(VersionOrder.isValid("1".repeat(100))).isTrue();
            assertThat(VersionOrder.isValid("1".repeat(101))).isFalse();
        }
    }

    @Nested
    class Ranges {

        @Test
        void readsAnUpperBound() {
            VersionRange range = VersionRange.parse("<2.3.4");
            assertThat(range.contains("2.3.3")).isTrue();
            assertThat(range.contains("2.3.4-rc1")).isTrue();
            assertThat(range.contains("2.3.4")).isFalse();
            assertThat(range.contains("2.3.10")).isFalse();
        }

        @Test
        void readsABoundedInterval() {
            VersionRange range = VersionRange.parse(">=2.1.0 <2.3.4");
            assertThat(range.contains("2.0.9")).isFalse();
            assertThat(range.contains("2.1.0")).isTrue();
            assertThat(range.contains("v2.2.15")).isTrue();
            assertThat(range.contains("2.3.4")).isFalse();
            assertThat(range.alternatives()).hasSize(1);
            assertThat(range.alternatives().get(0)).hasSize(2);
        }

        @Test
        void readsExactVersionsAndLists() {
            VersionRange range = VersionRange.parse("=2.2.0, =2.2.1 || 3.0.0");
            assertThat(range.contains("2.2.0")).isTrue();
            assertThat(range.contains("v2.2.1")).isTrue();
            assertThat(range.contains("3.0.0")).isTrue();
            assertThat(range.contains("2.2.2")).isFalse();
            assertThat(range.alternatives()).hasSize(3);
        }

        @Test
        void readsComparisonsWithBlanksAfterTheOperator() {
            VersionRange range = VersionRange.parse("> 1.0 <= 2.0");
            assertThat(range.contains("2.0")).isTrue();
            assertThat(range.contains("1.0")).isFalse();
        }

        @ParameterizedTest
        @CsvSource({"''", "'<'", "'<2.3,'", "'>=2.1.0 <'", "'<<2'", "'=2.3;x'"})
        void refusesMalformedRanges(String text) {
            assertThatThrownBy(() -> VersionRange.parse(text)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
