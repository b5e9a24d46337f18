package io.inetpublish.release.plan;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

import io.inetpublish.common.i18n.Messages;
import io.inetpublish.release.plan.Plan.Change;
import io.inetpublish.release.plan.Plan.EnvironmentPlan;
import io.inetpublish.release.plan.Plan.Gap;
import io.inetpublish.release.plan.Plan.Step;
import org.springframework.stereotype.Component;

/**
 * A plan as one Markdown document for offline sites (下载 Markdown): per environment the component changes, gaps,
 * skipped and already deployed records, then the operation manuals of the steps in order, each with its tickets,
 * update type and config change called out. Worded in the request's language; the manuals are quoted as written,
 * their headings moved below the step's.
 */
@Component
public class PlanDocuments {

    private final Messages messages;
    private final ZoneId zone;

    PlanDocuments(Messages messages, io.inetpublish.release.ReleaseProperties properties) {
        this.messages = messages;
        this.zone = properties.zone();
    }

    public String markdown(Plan plan, String baseUrl) {
        StringBuilder md = new StringBuilder();
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
        md.append("# ").append(t("plan.md.title")).append("\n\n");
        md.append("- ").append(t("plan.md.target")).append(": ").append(target(plan)).append('\n');
        md.append("- ").append(t("plan.md.computed")).append(": ").append(time.format(plan.computedAt()))
                .append(" (").append(zone).append(")\n");
        md.append("- ").append(t("plan.md.link")).append(": ").append(baseUrl).append(plan.link()).append("\n");
        for (EnvironmentPlan environment : plan.environments()) {
            environment(md, environment);
        }
        return md.toString();
    }

    private String target(Plan plan) {
        return switch (plan.target().kind()) {
            case MAINLINE -> t("plan.md.target.mainline");
            case RELEASES -> t("plan.md.target.releases") + " " + plan.target().releases().stream()
                    .map(Plan.ReleaseRef::number).collect(Collectors.joining(", "));
            case VERSIONS -> t("plan.md.target.versions") + " " + plan.target().versions().stream()
                    .map(v -> v.component() + " " + v.version()).collect(Collectors.joining(", "));
        };
    }

    private void environment(StringBuilder md, EnvironmentPlan plan) {
        md.append("\n## ").append(plan.environment().customerName()).append(" / ").append(plan.environment().name())
                .append(" (").append(plan.environment().type()).append(")\n\n");
        if (plan.changes().isEmpty()) {
            md.append(t("plan.md.nothing")).append("\n\n");
        } else {
            md.append("| ").append(t("plan.md.component")).append(" | ").append(t("plan.md.from")).append(" | ")
                    .append(t("plan.md.to")).append(" | ").append(t("plan.md.target-version")).append(" | ")
                    .append(t("plan.md.records")).append(" |\n|---|---|---|---|---|\n");
            for (Change change : plan.changes()) {
                md.append("| ").append(cell(change.component())).append(" | ").append(cell(change.from()))
                        .append(" | ").append(cell(change.to())).append(change.target() != null
                                && !change.reachesTarget() ? " ⚠" : "")
                        .append(" | ").append(change.target() == null ? "—" : cell(change.target())).append(" | ")
                        .append(String.join(", ", change.releases())).append(" |\n");
            }
            md.append('\n');
        }
        if (!plan.atTarget().isEmpty()) {
            md.append("**").append(t("plan.md.at-target")).append("**: ").append(plan.atTarget().stream()
                    .map(a -> a.component() + " " + a.version() + ("AHEAD".equals(a.relation())
                            ? " (" + t("plan.md.past", a.target()) + ")" : ""))
                    .collect(Collectors.joining(", "))).append("\n\n");
        }
        if (!plan.gaps().isEmpty()) {
            md.append("### ").append(t("plan.md.gaps")).append("\n\n");
            for (Gap gap : plan.gaps()) {
                md.append("- ").append(t("plan.gap." + gap.kind().name()
                        + (gap.kind() == Plan.GapKind.MISSING_COMPONENT && gap.release() != null ? ".release" : ""),
                        gap.component(), gap.version(),
                        gap.release() == null ? null : gap.release().number())).append('\n');
            }
            md.append('\n');
        }
        if (!plan.skipped().isEmpty()) {
            md.append("### ").append(t("plan.md.skipped")).append("\n\n");
            plan.skipped().forEach(s -> md.append("- ").append(s.release().number()).append(' ')
                    .append(inline(s.release().title())).append(": ").append(inline(s.reason())).append(" (")
                    .append(s.skippedBy().name()).append(")\n"));
            md.append('\n');
        }
        if (!plan.alreadyDeployed().isEmpty()) {
            md.append("**").append(t("plan.md.deployed")).append("**: ").append(plan.alreadyDeployed().stream()
                    .map(Plan.ReleaseRef::number).collect(Collectors.joining(", "))).append("\n\n");
        }
        if (!plan.steps().isEmpty()) {
            md.append("### ").append(t("plan.md.manual")).append("\n");
            for (Step step : plan.steps()) {
                step(md, step);
            }
        }
    }

    private void step(StringBuilder md, Step step) {
        md.append("\n#### ").append(step.position()).append(". ").append(step.number()).append(' ')
                .append(inline(step.title())).append("\n\n");
        md.append("- ").append(t("plan.md.update-type")).append(": ").append(step.updateType()).append('\n');
        if (!step.tickets().isEmpty()) {
            md.append("- ").append(t("plan.md.tickets")).append(": ").append(step.tickets().stream()
                    .map(ticket -> ticket.url() == null ? inline(ticket.id())
                            : "[" + inline(ticket.id()) + "](" + ticket.url() + ")")
                    .collect(Collectors.joining(", "))).append('\n');
        }
        md.append("- ").append(t("plan.md.components")).append(": ").append(step.items().stream()
                .map(i -> i.component() + " " + i.version() + " (" + t("plan.item." + i.state().name()) + ")")
                .collect(Collectors.joining(", "))).append('\n');
        if (step.packageOutdated()) {
            md.append("- ").append(t("plan.md.package-outdated")).append('\n');
        }
        if (step.configChange()) {
            md.append("\n> **").append(t("plan.md.config-change")).append("**: ")
                    .append(step.configNotes() == null ? "" : step.configNotes().strip().replace("\n", "\n> "))
                    .append('\n');
        }
        md.append('\n');
        String manual = step.manual();
        md.append(manual == null || manual.isBlank() ? "_" + t("plan.md.no-manual") + "_\n" : demote(manual) + "\n");
    }

    /** Moves the manual's headings below the step's (four levels down, at most ######), leaving fenced code alone. */
    static String demote(String manual) {
        StringBuilder out = new StringBuilder();
        boolean fenced = false;
        for (String line : manual.strip().split("\r?\n", -1)) {
            if (line.startsWith("```") || line.startsWith("~~~")) {
                fenced = !fenced;
            }
            if (!fenced && line.matches("#{1,6} .*")) {
                int level = line.indexOf(' ');
                line = "#".repeat(Math.min(6, level + 4)) + line.substring(level);
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text == null ? "—" : text.replace("|", "\\|");
    }

    private static String inline(String text) {
        return text == null ? "" : text.replace("\n", " ");
    }

    private String t(String code, Object... args) {
        return messages.text(code, args);
    }
}
