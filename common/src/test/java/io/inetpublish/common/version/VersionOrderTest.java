package io.inetpublish.common.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionOrderTest {

    private static final VersionOrder ORDER = VersionOrder.INSTANCE;

    /** Every version here is strictly smaller than the next one. */
    private static final List<String> ASCENDING = List.of(
            "0.9", "1", "1.0", "1.0.0-alpha", "1.0.0-alpha.beta", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0-beta.2",
            "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.0-hotfix.1", "1.0.1", "1.2", "1.10", "2", "2.x", "2.0",
            "2.0.7-alpha", "2.0.7-beta.2", "2.0.7-dev", "2.0.7-M1", "2.0.7-milestone.2", "2.0.7-pre",
            "2.0.7-preview.3", "2.0.7-rc.1", "2.0.7-rc.2", "2.0.7-SNAPSHOT", "2.0.7", "2.0.7-fix", "2.0.7-hotfix.1",
            "2.0.7-hotfix.2", "2.0.7-hotfix.10", "2.0.7-p1", "2.0.7-patch2", "2.0.7.1", "2.0.8",
            "2.3.1-rc1", "2.3.1-rc2", "2.3.1-rc10", "2.3.1", "2.3.1-b113", "2.3.1-hotfix.2", "2.3.1.1", "2.3.2",
            "2.3.9", "v2.3.10", "2.3.10a", "2.3.11", "2.10.0", "10.0.0", "2024.07.01", "2024.07.01-b9",
            "2024.07.01-b113", "2024.7.2", "2024.12.31", "99999999999999999999.0");

    @Test
    void sortsAShuffledListIntoNaturalOrder() {
        List<String> shuffled = new ArrayList<>(ASCENDING);
        Collections.shuffle(shuffled, new Random(42));
        shuffled.sort(ORDER);
        assertThat(shuffled).containsExactlyElementsOf(ASCENDING);
    }

    @Test
    void ordersEveryPairOfTheLadderByComparatorAndByKey() {
        for (int i = 0; i < ASCENDING.size(); i++) {
            for (int j = 0; j < ASCENDING.size(); j++) {
                String a = ASCENDING.get(i);
                String b = ASCENDING.get(j);
                assertThat(Integer.signum(ORDER.compare(a, b))).as("%s vs %s", a, b)
                        .isEqualTo(Integer.compare(i, j));
                assertThat(Integer.signum(VersionOrder.sortKey(a).compareTo(VersionOrder.sortKey(b))))
                        .as("key of %s vs %s", a, b).isEqualTo(Integer.compare(i, j));
            }
        }
    }

    @Test
    void followsTheHotfixRuleOfTheProductDescription() {
        List<String> chain = List.of("2.0.7-rc.1", "2.0.7", "2.0.7-hotfix.1", "2.0.7-hotfix.2", "2.0.8");
        List<String> sorted = new ArrayList<>(chain);
        Collections.reverse(sorted);
        sorted.sort(ORDER);
        assertThat(sorted).containsExactlyElementsOf(chain);
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
            "2.3.9, 2.3.10",
            "2.9, 2.10",
            "1.99.99, 2",
            "2.3.1-rc1, 2.3.1",
            "2.3.1, 2.3.1-hotfix.2",
            "2.3.1-hotfix.2, 2.3.2",
            "2.3.1-hotfix.2, 2.3.2-rc1",
            "2.3.1-rc.9, 2.3.1-rc.10",
            "2.3.1, 2.3.2-rc1",
            "2.3, 2.3.0",
            "2.3.0, 2.3.0.1",
            "2024.07.01, 2024.07.01-b113",
            "2024.07.01-b113, 2024.07.01-b114",
            "2024.07.01-b113, 2024.07.02",
            "2024.06.30, 2024.07.01",
            "2.3.x, 2.3.0",
            "2.3a, 2.3b",
            "2.3.1-RC1, 2.3.1-rc2",
            "2.3.1-Alpha, 2.3.1",
            "2.3.1-SNAPSHOT, 2.3.1",
            "2.3.1-dev3, 2.3.1",
            "2.3.1-preview, 2.3.1",
            "2.3.1, 2.3.1-p1",
            "2.3.1, 2.3.1-patch2",
            "2.3.1, 2.3.1+build.5",
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
            "2.3.1-RC1, 2.3.1-rc1",
            "2.3.1-rc.1, 2.3.1-rc1",
            "2.3.1-rc.1, 2.3.1rc1",
            "2.0.7-hotfix.1, 2.0.7-hotfix-1",
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
    void givesValuesStoredBeforeTheGrammarAKeyWithoutFailing() {
        for (String legacy : List.of("", "latest", "2026.03.01/b3", "版本1", "1.0.", "-1", "1.0$(id)")) {
            assertThat(VersionOrder.sortKey(legacy)).as(legacy).isNotNull();
        }
        assertThat(ORDER.compare("2026.03.01/b3", "2026.03.01")).isPositive();
    }

    @Nested
    class Grammar {

        @ParameterizedTest
        @ValueSource(strings = {"2.3.1", "v2.3.10", "V2", "2.3.1-hotfix.2", "2024.07.01-b113", "1.0.0+build.5",
                "2.3.1rc1", "1.0.0-SNAPSHOT", "2.0.7-rc.1", "2.x", "1.0.0_2", "7"})
        void acceptsUsualVersions(String version) {
            assertThat(Version.isValid(version)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "-1", ".2", "2.3 1", " 2.3.1", "2.3.1\n", "2.3;drop", "版本1", "release_7",
                "2026.03.01/b3", "1.0$(id)", "1.0=2", "1,2", "1.0.", "1..0", "1.0-", "1.0--rc", "v", "vnext",
                "vv1", "2.0.7-hotfix 1", "1.0-ré"})
        void refusesOddVersions(String version) {
            assertThat(Version.isValid(version)).isFalse();
        }

        @Test
        void refusesNullAndVersionsLongerThanTheLimit() {
            assertThat(Version.isValid(null)).isFalse();
            assertThat(Version.isValid("1".repeat(100))).isTrue();
            assertThat(Version.isValid("1".repeat(101))).isFalse();
        }

        @Test
        void checksALongHostileInputInLinearTime() {
            String hostile = "1" + "a1-".repeat(20_000) + "!";
            assertTimeoutPreemptively(Duration.ofSeconds(2),
                    () -> assertThat(Pattern.matches(Version.PATTERN, hostile)).isFalse());
        }

        @Test
        void namesTheValueInTheOneErrorTextOfTheCatalogue() {
            String field = io.inetpublish.common.test.Catalogue.zh(Version.INVALID);
            assertThat(field).startsWith("不是有效的版本号");
            assertThat(io.inetpublish.common.test.Catalogue.zh(Version.INVALID_VALUE, "1.0$(id)"))
                    .isEqualTo("“1.0$(id)”" + field);
            assertThat(io.inetpublish.common.test.Catalogue.en(Version.INVALID))
                    .startsWith("is not a valid version");
        }
    }

    @Nested
    class Ranges {

        @Test
        void readsAnUpperBound() {
            VersionRange range = VersionRange.parse("<2.3.4");
            assertThat(range.contains("2.3.3")).isTrue();
            assertThat(range.contains("2.3.3-hotfix.1")).isTrue();
            assertThat(range.contains("2.3.4-rc1")).isTrue();
            assertThat(range.contains("2.3.4")).isFalse();
            assertThat(range.contains("2.3.4-hotfix.1")).isFalse();
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
        @CsvSource({"''", "'<'", "'<2.3,'", "'>=2.1.0 <'", "'<<2'", "'=2.3;x'", "'<2026.03.01/b3'", "'<latest'"})
        void refusesMalformedRanges(String text) {
            assertThatThrownBy(() -> VersionRange.parse(text)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refusesAVersionThatBreaksTheGrammarWithTheOneErrorText() {
            assertThatThrownBy(() -> VersionRange.parse(">=1.0 <2026.03.01/b3"))
                    .isInstanceOfSatisfying(VersionRange.InvalidRangeException.class, ex -> {
                        assertThat(ex.code()).isEqualTo(Version.INVALID_VALUE);
                        assertThat(ex.args()).containsExactly("2026.03.01/b3");
                    });
        }
    }
}
