package db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The sentences the timeline stored before facts, as the code wrote them, read back into the facts it records now. */
class V19_2TimelineDetailsToFactsTest {

    private static final String BUILD = "5b0c1f1e-8a3a-4c1e-9a53-0f6c7d2b9e11";

    @Test
    void readsEverySentenceTheCodeWrote() {
        assertThat(V19_2__Timeline_details_to_facts.facts("SUBMITTED", "submitted R2026-0001 [gateway@1.2.3, report@2.0]"))
                .containsEntry("number", "R2026-0001")
                .containsEntry("items", List.of(Map.of("component", "gateway", "version", "1.2.3"),
                        Map.of("component", "report", "version", "2.0")));
        assertThat(V19_2__Timeline_details_to_facts.facts("EDITED",
                "changed title, updateType HOT -> DEV, items [gateway@1.2.4]; outdated: 1 test deployment(s), 2 package(s)"))
                .containsEntry("changed", List.of("title", "updateType", "items"))
                .containsEntry("updateType", Map.of("from", "HOT", "to", "DEV"))
                .containsEntry("items", List.of(Map.of("component", "gateway", "version", "1.2.4")))
                .containsEntry("outdatedTests", 1L).containsEntry("outdatedPackages", 2L);
        assertThat(V19_2__Timeline_details_to_facts.facts("WITHDRAWN", "withdrawn: duplicate of another"))
                .containsEntry("reason", "duplicate of another");
        assertThat(V19_2__Timeline_details_to_facts.facts("WITHDRAWN", "withdrawn")).containsEntry("reason", null);
        assertThat(V19_2__Timeline_details_to_facts.facts("PACKAGING_REQUESTED", "packaging requested (Jenkins #7)"))
                .containsEntry("jenkinsBuildNumber", 7);
        assertThat(V19_2__Timeline_details_to_facts.facts("TEST_DEPLOYMENT_FAILED",
                "test deployment to test-1 failed (FAILURE, Jenkins #12: script error)"))
                .containsEntry("result", "FAILURE").containsEntry("jenkinsBuildNumber", 12)
                .containsEntry("reason", "script error");
        assertThat(V19_2__Timeline_details_to_facts.facts("PACKAGING_FINISHED",
                "packaging finished (SUCCESS, Jenkins #5): bundle.tar.gz, manifest.txt"))
                .containsEntry("result", "SUCCESS").containsEntry("artifacts", List.of("bundle.tar.gz", "manifest.txt"));
        assertThat(V19_2__Timeline_details_to_facts.facts("VERSIONS_SYNCED",
                "versions synced test-1 (test deployment): x (new) -> 1, gateway 1.0 -> 1.1"))
                .containsEntry("kind", "TEST_DEPLOYMENT");
        assertThat(V19_2__Timeline_details_to_facts.facts("CUSTOMER_DEPLOYMENT_RECORDED",
                "deployed at Acme 银行 / prod with package of build " + BUILD
                        + "; deployed at 2026-01-05T02:00:00Z; 3 evidence file(s)"))
                .containsEntry("customer", "Acme 银行").containsEntry("packageBuildId", BUILD)
                .containsEntry("deployedAt", "2026-01-05T02:00:00Z").containsEntry("evidenceCount", 3);
        assertThat(V19_2__Timeline_details_to_facts.facts("ROLLBACK_RECORDED",
                "rolled back at Acme 银行 / prod to gateway@1.1.0; not rolled back: report has no earlier version in "
                        + "its history; web is at 2.0 from R2026-0002, not at this release's version; "
                        + "deployed at 2026-01-05T02:00:00Z; 1 evidence file(s)"))
                .containsEntry("versions", List.of(Map.of("component", "gateway", "version", "1.1.0")))
                .satisfies(facts -> assertThat((List<?>) facts.get("kept")).hasSize(2));
    }

    @Test
    void leavesASentenceItCannotReadAsItIs() {
        assertThat(V19_2__Timeline_details_to_facts.facts("SUBMITTED", "something else")).isNull();
        assertThat(V19_2__Timeline_details_to_facts.facts("UNKNOWN_ACTION", "x")).isNull();
    }
}
