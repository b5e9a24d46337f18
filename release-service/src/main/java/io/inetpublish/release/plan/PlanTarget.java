package io.inetpublish.release.plan;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where an upgrade plan leads: every installed component's {@link Kind#MAINLINE mainline} (catalog), the versions of
 * chosen {@link Kind#RELEASES release records}, or chosen {@link Kind#VERSIONS component versions}.
 *
 * @param releaseIds the chosen records (RELEASES), in the order given
 * @param versions component to version (VERSIONS), in the order given
 */
public record PlanTarget(Kind kind, List<UUID> releaseIds, Map<String, String> versions) {

    public enum Kind {
        MAINLINE, RELEASES, VERSIONS
    }

    public static PlanTarget mainline() {
        return new PlanTarget(Kind.MAINLINE, List.of(), Map.of());
    }

    /** The plan's link in the web app (a page path with its query), which also names the plan in a delta bundle. */
    public String query() {
        return switch (kind) {
            case MAINLINE -> "target=mainline";
            case RELEASES -> "releases=" + String.join(",", releaseIds.stream().map(UUID::toString).toList());
            case VERSIONS -> "versions=" + String.join(",", versions.entrySet().stream()
                    .map(e -> e.getKey() + "@" + e.getValue()).toList());
        };
    }
}
