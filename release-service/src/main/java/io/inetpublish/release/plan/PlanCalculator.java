package io.inetpublish.release.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.version.VersionOrder;
import io.inetpublish.release.plan.Plan.AtTarget;
import io.inetpublish.release.plan.Plan.Change;
import io.inetpublish.release.plan.Plan.ComponentVersion;
import io.inetpublish.release.plan.Plan.EnvironmentRef;
import io.inetpublish.release.plan.Plan.Gap;
import io.inetpublish.release.plan.Plan.GapKind;
import io.inetpublish.release.plan.Plan.Item;
import io.inetpublish.release.plan.Plan.ItemState;
import io.inetpublish.release.plan.Plan.ReleaseRef;
import io.inetpublish.release.plan.Plan.Skipped;
import io.inetpublish.release.release.ReleaseStatus;

/**
 * The plan rules (docs/product.md, "Upgrade plans") for one environment, on data already loaded: no I/O, so the
 * ordering can be tested case by case and a plan of 50 environments costs only the loading. Versions compare by
 * {@link VersionOrder}'s sort keys, the platform's one ordering.
 */
final class PlanCalculator {

    private PlanCalculator() {
    }

    /** A component installed in the environment; {@code mainline} null when the catalog has none. */
    record Installed(String component, String version, String mainline) {

        String key() {
            return VersionOrder.sortKey(version);
        }
    }

    record CandidateItem(String component, String version, String key) {

        static CandidateItem of(String component, String version) {
            return new CandidateItem(component, version, VersionOrder.sortKey(version));
        }
    }

    /** A release record touching some component of interest, with all of its items. */
    record Candidate(UUID id, String number, String title, ReleaseStatus status, Instant submittedAt,
            List<CandidateItem> items) {

        ReleaseRef ref() {
            return new ReleaseRef(id, number, title);
        }

        CandidateItem item(String component) {
            for (CandidateItem item : items) {
                if (item.component().equals(component)) {
                    return item;
                }
            }
            return null;
        }
    }

    /** 跳过: this environment does not take this record, on purpose. */
    record SkipMark(UUID releaseId, UUID environmentId, String reason, PersonRef skippedBy, Instant skippedAt) {
    }

    /** A step before its details (tickets, manual, packages) are loaded. */
    record StepDraft(Candidate release, List<Item> items) {
    }

    record Draft(EnvironmentRef environment, List<Change> changes, List<AtTarget> atTarget, List<StepDraft> steps,
            List<Skipped> skipped, List<ReleaseRef> alreadyDeployed, List<Gap> gaps) {
    }

    /** The order among records that version order leaves free: submitted first, then by number. */
    static final Comparator<Candidate> SUBMISSION = Comparator.comparing(Candidate::submittedAt)
            .thenComparing(Candidate::number);

    /**
     * @param installed the environment's components by name
     * @param targets component to target version (only components with a target)
     * @param targetGaps gaps found while working out the targets (a withdrawn chosen record)
     * @param byComponent every release record that has an item of a component, by component
     * @param deployed the records whose latest customer deployment here is a deployment (not rolled back)
     * @param skips this environment's skip marks by release id
     */
    static Draft plan(EnvironmentRef environment, Map<String, Installed> installed, Map<String, String> targets,
            List<Gap> targetGaps, Map<String, List<Candidate>> byComponent, Set<UUID> deployed,
            Map<UUID, SkipMark> skips) {
        List<Gap> gaps = new ArrayList<>(targetGaps);
        List<AtTarget> atTarget = new ArrayList<>();
        Map<String, String> wanted = new TreeMap<>();
        Map<String, String> targetKeys = new HashMap<>();
        targets.forEach((component, target) -> targetKeys.put(component, VersionOrder.sortKey(target)));
        for (Map.Entry<String, String> target : new TreeMap<>(targets).entrySet()) {
            String component = target.getKey();
            Installed now = installed.get(component);
            if (now == null) {
                gaps.add(new Gap(GapKind.MISSING_COMPONENT, component, target.getValue(), null));
                continue;
            }
            int compared = targetKeys.get(component).compareTo(now.key());
            if (compared <= 0) {
                atTarget.add(new AtTarget(component, now.version(), target.getValue(), compared == 0 ? "EQUAL"
                        : "AHEAD"));
            } else {
                wanted.put(component, target.getValue());
            }
        }

        Map<UUID, Candidate> chosen = new LinkedHashMap<>();
        Map<UUID, ReleaseRef> alreadyDeployed = new LinkedHashMap<>();
        Map<UUID, Skipped> skipped = new LinkedHashMap<>();
        Set<String> withdrawnSeen = new HashSet<>();
        for (String component : wanted.keySet()) {
            String currentKey = installed.get(component).key();
            String targetKey = targetKeys.get(component);
            boolean brought = false;
            List<Candidate> candidates = new ArrayList<>(byComponent.getOrDefault(component, List.of()));
            candidates.sort(SUBMISSION);
            for (Candidate candidate : candidates) {
                CandidateItem item = candidate.item(component);
                if (item.key().compareTo(currentKey) <= 0 || item.key().compareTo(targetKey) > 0) {
                    continue;
                }
                if (candidate.status() == ReleaseStatus.WITHDRAWN) {
                    if (withdrawnSeen.add(candidate.id() + "/" + component)) {
                        gaps.add(new Gap(GapKind.WITHDRAWN, component, item.version(), candidate.ref()));
                    }
                    continue;
                }
                brought |= item.key().equals(targetKey);
                if (deployed.contains(candidate.id())) {
                    alreadyDeployed.putIfAbsent(candidate.id(), candidate.ref());
                } else if (skips.containsKey(candidate.id())) {
                    SkipMark mark = skips.get(candidate.id());
                    skipped.computeIfAbsent(candidate.id(), id -> new Skipped(candidate.ref(),
                            candidate.items().stream().map(i -> new ComponentVersion(i.component(), i.version()))
                                    .toList(), mark.reason(), mark.skippedBy(), mark.skippedAt()));
                } else {
                    chosen.putIfAbsent(candidate.id(), candidate);
                }
            }
            if (!brought) {
                gaps.add(new Gap(GapKind.NO_RECORD, component, wanted.get(component), null));
            }
        }

        List<Candidate> ordered = order(chosen.values(), installed, gaps);

        // the newest version the steps bring of each installed component
        Map<String, String> newest = new HashMap<>();
        for (Candidate step : ordered) {
            for (CandidateItem item : step.items()) {
                Installed now = installed.get(item.component());
                if (now != null && item.key().compareTo(now.key()) > 0) {
                    newest.merge(item.component(), item.key(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
            }
        }
        List<StepDraft> steps = new ArrayList<>(ordered.size());
        Map<String, String> installs = new HashMap<>();
        Map<String, List<String>> through = new HashMap<>();
        for (Candidate step : ordered) {
            List<Item> items = new ArrayList<>(step.items().size());
            for (CandidateItem item : step.items()) {
                Installed now = installed.get(item.component());
                String targetKey = targetKeys.get(item.component());
                boolean beyond = targetKey != null && item.key().compareTo(targetKey) > 0;
                ItemState state;
                if (now == null) {
                    state = ItemState.NOT_INSTALLED;
                    gaps.add(new Gap(GapKind.MISSING_COMPONENT, item.component(), item.version(), step.ref()));
                } else if (item.key().compareTo(now.key()) <= 0) {
                    state = ItemState.ALREADY_PAST;
                } else if (item.key().compareTo(newest.get(item.component())) < 0) {
                    state = ItemState.SUPERSEDED;
                } else {
                    state = ItemState.INSTALL;
                    installs.put(item.component(), item.version());
                }
                if (state == ItemState.INSTALL || state == ItemState.SUPERSEDED) {
                    through.computeIfAbsent(item.component(), c -> new ArrayList<>()).add(step.number());
                }
                items.add(new Item(item.component(), item.version(), state, beyond));
            }
            steps.add(new StepDraft(step, items));
        }

        Set<String> changed = new TreeSet<>(wanted.keySet());
        changed.addAll(installs.keySet());
        List<Change> changes = new ArrayList<>(changed.size());
        for (String component : changed) {
            String from = installed.get(component).version();
            String to = installs.getOrDefault(component, from);
            String target = targets.get(component);
            String toKey = VersionOrder.sortKey(to);
            boolean reaches = target != null && toKey.compareTo(targetKeys.get(component)) >= 0;
            boolean beyond = target != null && toKey.compareTo(targetKeys.get(component)) > 0;
            changes.add(new Change(component, from, to, target, reaches, beyond,
                    List.copyOf(through.getOrDefault(component, List.of()))));
        }
        return new Draft(environment, changes, atTarget, steps, List.copyOf(skipped.values()),
                List.copyOf(alreadyDeployed.values()), gaps);
    }

    /**
     * The application order: for every component, a record bringing an older version comes before one bringing a
     * newer version (records bringing the same version are not ordered against each other); among records free to
     * go next, the first submitted. A record that two components want in opposite orders breaks the tie by
     * submission and is reported as an ORDER_CONFLICT gap.
     */
    private static List<Candidate> order(java.util.Collection<Candidate> records, Map<String, Installed> installed,
            List<Gap> gaps) {
        Map<UUID, Set<UUID>> next = new HashMap<>();
        Map<UUID, Integer> incoming = new HashMap<>();
        Map<String, List<Object[]>> byComponent = new HashMap<>();
        for (Candidate record : records) {
            next.put(record.id(), new HashSet<>());
            incoming.put(record.id(), 0);
            for (CandidateItem item : record.items()) {
                Installed now = installed.get(item.component());
                if (now != null && item.key().compareTo(now.key()) > 0) {
                    byComponent.computeIfAbsent(item.component(), c -> new ArrayList<>())
                            .add(new Object[] {item.key(), record});
                }
            }
        }
        for (List<Object[]> list : byComponent.values()) {
            list.sort(Comparator.comparing(o -> (String) o[0]));
            // every record of one version before every record of the next higher version
            int groupStart = 0;
            while (groupStart < list.size()) {
                int groupEnd = groupStart;
                while (groupEnd < list.size() && list.get(groupEnd)[0].equals(list.get(groupStart)[0])) {
                    groupEnd++;
                }
                int nextEnd = groupEnd;
                while (nextEnd < list.size() && list.get(nextEnd)[0].equals(list.get(groupEnd)[0])) {
                    nextEnd++;
                }
                for (int a = groupStart; a < groupEnd; a++) {
                    for (int b = groupEnd; b < nextEnd; b++) {
                        UUID from = ((Candidate) list.get(a)[1]).id();
                        UUID to = ((Candidate) list.get(b)[1]).id();
                        if (!from.equals(to) && next.get(from).add(to)) {
                            incoming.merge(to, 1, Integer::sum);
                        }
                    }
                }
                groupStart = groupEnd;
            }
        }
        PriorityQueue<Candidate> ready = new PriorityQueue<>(SUBMISSION);
        TreeSet<Candidate> waiting = new TreeSet<>(SUBMISSION.thenComparing(Candidate::id));
        Map<UUID, Candidate> byId = new HashMap<>();
        for (Candidate record : records) {
            byId.put(record.id(), record);
            if (incoming.get(record.id()) == 0) {
                ready.add(record);
            } else {
                waiting.add(record);
            }
        }
        List<Candidate> ordered = new ArrayList<>(records.size());
        while (!ready.isEmpty() || !waiting.isEmpty()) {
            Candidate record;
            if (ready.isEmpty()) {
                record = waiting.pollFirst();
                gaps.add(new Gap(GapKind.ORDER_CONFLICT, null, null, record.ref()));
            } else {
                record = ready.poll();
            }
            ordered.add(record);
            for (UUID after : next.get(record.id())) {
                Candidate later = byId.get(after);
                if (waiting.contains(later) && incoming.merge(after, -1, Integer::sum) == 0) {
                    waiting.remove(later);
                    ready.add(later);
                }
            }
        }
        return ordered;
    }
}
