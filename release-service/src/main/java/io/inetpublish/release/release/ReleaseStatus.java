package io.inetpublish.release.release;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Where a release record stands. Never set by hand: {@link #derive(List)} computes it from the timeline, and the
 * stored {@code release_record.status} is only that result, recomputed in the same transaction as every new entry.
 *
 * <p>Rules, first match wins:
 * <ol>
 * <li>{@code WITHDRAWN} - a WITHDRAWN entry exists (terminal).</li>
 * <li>{@code ROLLED_BACK} - the latest customer deployment entry (CUSTOMER_DEPLOYMENT_RECORDED or
 * ROLLBACK_RECORDED) is a rollback.</li>
 * <li>{@code DEPLOYED} - a customer deployment was recorded and at least one of its environments has no
 * VERSIONS_SYNCED entry for that deployment yet.</li>
 * <li>{@code COMPLETED} - customer deployment(s) were recorded and every one of their environments is synced.</li>
 * <li>{@code PACKAGED} - a PACKAGING_FINISHED entry exists whose package is still there: no PACKAGE_REMOVED entry
 * for its build (retention removed its files). A record whose every package was removed is TESTED again (or whatever
 * the rules below say): nothing is left to deploy until it is packaged again, and its timeline says why.</li>
 * <li>{@code PACKAGING} - a PACKAGING_REQUESTED entry has neither a FINISHED nor a FAILED entry for its build.</li>
 * <li>{@code TESTED} - a TEST_DEPLOYMENT_FINISHED entry exists (any test environment).</li>
 * <li>{@code IN_TEST} - a TEST_DEPLOYMENT_REQUESTED entry has no outcome for its build yet.</li>
 * <li>{@code SUBMITTED} - otherwise (submitted, maybe edited, or only failed builds).</li>
 * </ol>
 * Builds of an earlier content of the record (edited since) count for none of PACKAGED, PACKAGING, TESTED, IN_TEST.
 */
public enum ReleaseStatus {
    SUBMITTED, IN_TEST, TESTED, PACKAGING, PACKAGED, DEPLOYED, COMPLETED, ROLLED_BACK, WITHDRAWN;

    public static ReleaseStatus derive(List<TimelineEntry> timeline) {
        return derive(timeline, null);
    }

    /**
     * As {@link #derive(List)}, where builds of an earlier content than {@code currentContent} (see
     * {@link ContentHash}) count for nothing: an edited record is SUBMITTED again until it is tested (and packaged)
     * again.
     */
    public static ReleaseStatus derive(List<TimelineEntry> timeline, String currentContent) {
        boolean withdrawn = false;
        boolean tested = false;
        Set<UUID> packages = new HashSet<>();
        Set<UUID> removedPackages = new HashSet<>();
        TimelineAction lastCustomer = null;
        Set<UUID> openTests = new HashSet<>();
        Set<UUID> openPackaging = new HashSet<>();
        Set<UUID> outcomes = new HashSet<>();
        Set<String> deployedTargets = new HashSet<>();
        Set<String> syncedTargets = new HashSet<>();
        for (TimelineEntry entry : timeline) {
            switch (entry.getAction()) {
                case WITHDRAWN -> withdrawn = true;
                // a build's outcome may be recorded before its request (events can arrive out of order)
                case TEST_DEPLOYMENT_REQUESTED -> {
                    if (!outcomes.contains(entry.getRefId()) && !entry.outdated(currentContent)) {
                        openTests.add(entry.getRefId());
                    }
                }
                case TEST_DEPLOYMENT_FINISHED, TEST_DEPLOYMENT_FAILED -> {
                    tested |= entry.getAction() == TimelineAction.TEST_DEPLOYMENT_FINISHED
                            && !entry.outdated(currentContent);
                    outcomes.add(entry.getRefId());
                    openTests.remove(entry.getRefId());
                }
                case PACKAGING_REQUESTED -> {
                    if (!outcomes.contains(entry.getRefId()) && !entry.outdated(currentContent)) {
                        openPackaging.add(entry.getRefId());
                    }
                }
                case PACKAGING_FINISHED, PACKAGING_FAILED -> {
                    if (entry.getAction() == TimelineAction.PACKAGING_FINISHED && !entry.outdated(currentContent)) {
                        packages.add(entry.getRefId());
                    }
                    outcomes.add(entry.getRefId());
                    openPackaging.remove(entry.getRefId());
                }
                case CUSTOMER_DEPLOYMENT_RECORDED -> {
                    lastCustomer = entry.getAction();
                    deployedTargets.add(target(entry));
                }
                case ROLLBACK_RECORDED -> lastCustomer = entry.getAction();
                case PACKAGE_REMOVED -> removedPackages.add(entry.getRefId());
                case VERSIONS_SYNCED -> syncedTargets.add(target(entry));
                default -> {
                }
            }
        }
        if (withdrawn) {
            return WITHDRAWN;
        }
        if (lastCustomer == TimelineAction.ROLLBACK_RECORDED) {
            return ROLLED_BACK;
        }
        if (!deployedTargets.isEmpty()) {
            return syncedTargets.containsAll(deployedTargets) ? COMPLETED : DEPLOYED;
        }
        packages.removeAll(removedPackages);
        if (!packages.isEmpty()) {
            return PACKAGED;
        }
        if (!openPackaging.isEmpty()) {
            return PACKAGING;
        }
        if (tested) {
            return TESTED;
        }
        return openTests.isEmpty() ? SUBMITTED : IN_TEST;
    }

    private static String target(TimelineEntry entry) {
        return entry.getRefId() + "/" + entry.getEnvironmentId();
    }
}
