package io.inetpublish.release.plan;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.inetpublish.common.version.VersionOrder;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.release.customer.CustomerDirectory;
import io.inetpublish.release.customer.EnvironmentInstallation;
import io.inetpublish.release.plan.Plan.ComponentVersion;
import io.inetpublish.release.plan.Plan.EnvironmentPlan;
import io.inetpublish.release.plan.Plan.EnvironmentRef;
import io.inetpublish.release.plan.Plan.Gap;
import io.inetpublish.release.plan.Plan.GapKind;
import io.inetpublish.release.plan.Plan.ReleaseRef;
import io.inetpublish.release.plan.Plan.Step;
import io.inetpublish.release.plan.PlanCalculator.Candidate;
import io.inetpublish.release.plan.PlanCalculator.CandidateItem;
import io.inetpublish.release.plan.PlanCalculator.Draft;
import io.inetpublish.release.plan.PlanCalculator.Installed;
import io.inetpublish.release.plan.PlanCalculator.StepDraft;
import io.inetpublish.release.release.ReleaseStatus;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;

/**
 * 升级计划: reads the environments' versions and mainlines from customer-service in one call, the release records,
 * deployments and skip marks from this service's database in a few queries, and applies {@link PlanCalculator}'s
 * rules to each environment.
 */
@Service
@RequiredArgsConstructor
public class Plans {

    /** The most environments one plan covers. */
    public static final int MAX_ENVIRONMENTS = 50;

    private final CustomerDirectory directory;
    private final PlanData data;
    private final Clock clock;

    /** Checks what a plan is asked for (before anything is read): 1 to 50 environments. */
    public static List<UUID> environments(List<UUID> environmentIds) {
        List<UUID> ids = List.copyOf(new LinkedHashSet<>(environmentIds == null ? List.of() : environmentIds));
        if (ids.isEmpty()) {
            throw new FieldException("environments", "plan.environments-required");
        }
        if (ids.size() > MAX_ENVIRONMENTS) {
            throw new FieldException("environments", "plan.environment-limit", MAX_ENVIRONMENTS, ids.size());
        }
        return ids;
    }

    /** Not one transaction: customer-service is asked first, then a few independent reads. */
    public Plan plan(List<UUID> environmentIds, PlanTarget target) {
        List<UUID> ids = environments(environmentIds);
        Map<String, String> fixedTargets = new LinkedHashMap<>();
        List<Gap> targetGaps = new ArrayList<>();
        List<ReleaseRef> chosen = new ArrayList<>();
        if (target.kind() == PlanTarget.Kind.RELEASES) {
            Map<UUID, Candidate> records = data.records(target.releaseIds());
            for (UUID id : target.releaseIds()) {
                Candidate record = records.get(id);
                if (record == null) {
                    throw new NotFoundException("release", id);
                }
                chosen.add(record.ref());
                for (CandidateItem item : record.items()) {
                    if (record.status() == ReleaseStatus.WITHDRAWN) {
                        targetGaps.add(new Gap(GapKind.WITHDRAWN, item.component(), item.version(), record.ref()));
                    } else {
                        fixedTargets.merge(item.component(), item.version(),
                                (a, b) -> VersionOrder.INSTANCE.compare(a, b) >= 0 ? a : b);
                    }
                }
            }
        } else if (target.kind() == PlanTarget.Kind.VERSIONS) {
            fixedTargets.putAll(target.versions());
        }

        Map<UUID, EnvironmentInstallation> installations = new HashMap<>();
        for (EnvironmentInstallation installation : directory.installations(ids)) {
            installations.put(installation.environment().id(), installation);
        }
        for (UUID id : ids) {
            if (!installations.containsKey(id)) {
                throw new NotFoundException("environment", id);
            }
        }

        Set<String> components = new HashSet<>(fixedTargets.keySet());
        installations.values().forEach(i -> i.components().forEach(c -> components.add(c.component())));
        Map<UUID, Candidate> candidates = data.candidates(components);
        Map<String, List<Candidate>> byComponent = new HashMap<>();
        for (Candidate candidate : candidates.values()) {
            for (CandidateItem item : candidate.items()) {
                byComponent.computeIfAbsent(item.component(), c -> new ArrayList<>()).add(candidate);
            }
        }
        Map<UUID, Set<UUID>> deployed = data.deployed(ids);
        Map<UUID, Map<UUID, PlanCalculator.SkipMark>> skips = data.skips(ids);

        List<Draft> drafts = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            EnvironmentInstallation installation = installations.get(id);
            Map<String, Installed> installed = new HashMap<>();
            Map<String, String> targets = new LinkedHashMap<>(fixedTargets);
            for (EnvironmentInstallation.Component c : installation.components()) {
                installed.put(c.component(), new Installed(c.component(), c.version(), c.mainlineVersion()));
                if (target.kind() == PlanTarget.Kind.MAINLINE && c.mainlineVersion() != null) {
                    targets.put(c.component(), c.mainlineVersion());
                }
            }
            EnvironmentInstallation.Environment e = installation.environment();
            drafts.add(PlanCalculator.plan(new EnvironmentRef(e.id(), e.name(), e.type(), e.customerId(),
                    e.customerName()), installed, targets, targetGaps, byComponent, deployed.getOrDefault(id, Set.of()),
                    skips.getOrDefault(id, Map.of())));
        }

        Map<UUID, Candidate> steps = new HashMap<>();
        drafts.forEach(d -> d.steps().forEach(s -> steps.put(s.release().id(), s.release())));
        Map<UUID, PlanData.Details> details = data.details(steps);
        List<EnvironmentPlan> plans = drafts.stream().map(d -> finish(d, details)).toList();
        return new Plan(new Plan.Target(target.kind(), chosen, target.kind() == PlanTarget.Kind.VERSIONS
                ? target.versions().entrySet().stream().map(v -> new ComponentVersion(v.getKey(), v.getValue()))
                        .toList() : List.of()),
                clock.instant(), link(ids, target), plans);
    }

    public static String link(List<UUID> environmentIds, PlanTarget target) {
        return "/plans?environments=" + environmentIds.stream().map(UUID::toString).collect(Collectors.joining(","))
                + "&" + target.query();
    }

    private static EnvironmentPlan finish(Draft draft, Map<UUID, PlanData.Details> details) {
        List<Gap> gaps = new ArrayList<>(draft.gaps());
        List<Step> steps = new ArrayList<>(draft.steps().size());
        int position = 1;
        for (StepDraft step : draft.steps()) {
            Candidate record = step.release();
            PlanData.Details d = details.get(record.id());
            if (d.onlyOutdatedPackages()) {
                gaps.add(new Gap(GapKind.OUTDATED_BUILD, null, null, record.ref()));
            }
            steps.add(new Step(position++, record.id(), record.number(), record.title(), record.status(),
                    d.updateType(), d.configChange(), d.configNotes(), d.tickets(), step.items(), d.packageBuildId(),
                    d.onlyOutdatedPackages(), d.manual(), record.submittedAt()));
        }
        return new EnvironmentPlan(draft.environment(), draft.changes(), draft.atTarget(), steps, draft.skipped(),
                draft.alreadyDeployed(), gaps);
    }
}
