package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.inetpublish.release.release.TimelineFacts;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 16, item 5: timeline entries recorded before this version carry an English sentence in {@code detail}. Each
 * is read back into the facts the code now records (the sentences were written by the code, in the shapes below)
 * and its {@code detail} cleared; a sentence that does not read (none is expected) keeps its text and is logged.
 */
public class V19_2__Timeline_details_to_facts extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V19_2__Timeline_details_to_facts.class);

    private static final Pattern SUBMITTED = Pattern.compile("submitted (\\S+) \\[(.*)]");
    private static final Pattern JENKINS = Pattern.compile("Jenkins #(\\d+)");
    private static final Pattern TEST_DONE = Pattern.compile(
            "test deployment to .* (?:finished|failed) \\((\\w+)(?:, Jenkins #(\\d+))?(?:: (.*))?\\)");
    private static final Pattern PACKAGE_DONE = Pattern.compile(
            "packaging (?:finished|failed) \\((\\w+)(?:, Jenkins #(\\d+))?(?:: (.*?))?\\)(?:: (.*))?");
    private static final Pattern SYNCED = Pattern.compile("versions synced .*?(?: \\((test deployment|rollback)\\))?"
            + "(?:: (.*))?");
    private static final Pattern SYNC_CHANGE = Pattern.compile("(\\S+) (\\(new\\)|\\S+) -> (\\S+)");
    private static final Pattern DEPLOYED = Pattern.compile("deployed at (.*) / .*? (?:without package|with package "
            + "of build ([0-9a-f-]{36})); deployed at (\\S+); (\\d+) evidence file\\(s\\)");
    private static final Pattern ROLLED_BACK = Pattern.compile("rolled back at (.*) / .*? to (.*?)"
            + "(?:; not rolled back: (.*))?; deployed at (\\S+); (\\d+) evidence file\\(s\\)");
    private static final Pattern KEPT = Pattern.compile("(\\S+) (?:has no earlier version in its history|is not "
            + "installed, not at this release's version|is at (\\S+)(?: from (\\S+))?, not at this release's version)");
    private static final Pattern EDITED_ITEMS = Pattern.compile("items \\[(.*?)]");
    private static final Pattern EDITED_TYPE = Pattern.compile("updateType (\\w+) -> (\\w+)");
    private static final Pattern OUTDATED = Pattern.compile("; outdated: (\\d+) test deployment\\(s\\), (\\d+) "
            + "package\\(s\\)$");

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        int converted = 0;
        int kept = 0;
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery(
                        "select id, action, detail from release_timeline where detail is not null and facts is null");
                PreparedStatement update = connection.prepareStatement(
                        "update release_timeline set facts = cast(? as jsonb), detail = null where id = ?")) {
            while (rows.next()) {
                Map<String, Object> facts = facts(rows.getString("action"), rows.getString("detail"));
                if (facts == null) {
                    log.warn("Timeline entry {} ({}) keeps its text: {}", rows.getLong("id"), rows.getString("action"),
                            rows.getString("detail"));
                    kept++;
                    continue;
                }
                update.setString(1, TimelineFacts.json(facts));
                update.setLong(2, rows.getLong("id"));
                update.addBatch();
                converted++;
            }
            update.executeBatch();
        }
        log.info("Timeline: {} entries now carry facts, {} keep their text", converted, kept);
    }

    /** The facts of one stored sentence, or null when it does not read. */
    static Map<String, Object> facts(String action, String detail) {
        Map<String, Object> facts = new LinkedHashMap<>();
        Matcher m;
        switch (action) {
            case "SUBMITTED" -> {
                if (!(m = SUBMITTED.matcher(detail)).matches()) {
                    return null;
                }
                facts.put("number", m.group(1));
                facts.put("items", versions(m.group(2)));
            }
            case "EDITED" -> {
                if (!detail.startsWith("changed ")) {
                    return null;
                }
                String rest = detail.substring("changed ".length());
                Matcher outdated = OUTDATED.matcher(rest);
                if (outdated.find()) {
                    rest = rest.substring(0, outdated.start());
                }
                List<String> changed = new ArrayList<>();
                for (String field : List.of("title", "description", "updateType", "config", "manual", "tickets",
                        "items")) {
                    if (Pattern.compile("(^|, )" + field + "\\b").matcher(rest).find()) {
                        changed.add(field);
                    }
                }
                if (changed.isEmpty()) {
                    return null;
                }
                facts.put("changed", changed);
                if ((m = EDITED_TYPE.matcher(rest)).find()) {
                    facts.put("updateType", Map.of("from", m.group(1), "to", m.group(2)));
                }
                if ((m = EDITED_ITEMS.matcher(rest)).find()) {
                    facts.put("items", versions(m.group(1)));
                }
                if (outdated.find(0)) {
                    facts.put("outdatedTests", Long.parseLong(outdated.group(1)));
                    facts.put("outdatedPackages", Long.parseLong(outdated.group(2)));
                }
            }
            case "WITHDRAWN" -> {
                if (!detail.startsWith("withdrawn")) {
                    return null;
                }
                facts.put("reason", detail.startsWith("withdrawn: ") ? detail.substring("withdrawn: ".length())
                        : null);
            }
            case "TEST_DEPLOYMENT_REQUESTED", "PACKAGING_REQUESTED" -> {
                if (!detail.contains("requested")) {
                    return null;
                }
                m = JENKINS.matcher(detail);
                facts.put("jenkinsBuildNumber", m.find() ? Integer.valueOf(m.group(1)) : null);
            }
            case "TEST_DEPLOYMENT_FINISHED", "TEST_DEPLOYMENT_FAILED" -> {
                if (!(m = TEST_DONE.matcher(detail)).matches()) {
                    return null;
                }
                facts.put("result", m.group(1));
                facts.put("jenkinsBuildNumber", m.group(2) == null ? null : Integer.valueOf(m.group(2)));
                facts.put("reason", m.group(3));
            }
            case "PACKAGING_FINISHED", "PACKAGING_FAILED" -> {
                if (!(m = PACKAGE_DONE.matcher(detail)).matches()) {
                    return null;
                }
                facts.put("result", m.group(1));
                facts.put("jenkinsBuildNumber", m.group(2) == null ? null : Integer.valueOf(m.group(2)));
                facts.put("reason", m.group(3));
                facts.put("artifacts", m.group(4) == null || m.group(4).isBlank() ? List.of()
                        : List.of(m.group(4).split(", ")));
            }
            case "VERSIONS_SYNCED" -> {
                if (!(m = SYNCED.matcher(detail)).matches()) {
                    return null;
                }
                facts.put("kind", "test deployment".equals(m.group(1)) ? "TEST_DEPLOYMENT"
                        : "rollback".equals(m.group(1)) ? "ROLLBACK" : "DEPLOY");
                List<Map<String, Object>> changes = new ArrayList<>();
                if (m.group(2) != null) {
                    for (String part : m.group(2).split(", ")) {
                        Matcher c = SYNC_CHANGE.matcher(part);
                        if (!c.matches()) {
                            return null;
                        }
                        Map<String, Object> change = new LinkedHashMap<>();
                        change.put("component", c.group(1));
                        change.put("from", "(new)".equals(c.group(2)) ? null : c.group(2));
                        change.put("to", c.group(3));
                        changes.add(change);
                    }
                }
                facts.put("changes", changes);
            }
            case "CUSTOMER_DEPLOYMENT_RECORDED" -> {
                if (!(m = DEPLOYED.matcher(detail)).matches()) {
                    return null;
                }
                facts.put("customer", m.group(1));
                facts.put("packageBuildId", m.group(2));
                facts.put("deployedAt", m.group(3));
                facts.put("evidenceCount", Integer.valueOf(m.group(4)));
            }
            case "ROLLBACK_RECORDED" -> {
                if (!(m = ROLLED_BACK.matcher(detail)).matches()) {
                    return null;
                }
                facts.put("customer", m.group(1));
                facts.put("versions", versions(m.group(2)));
                List<Map<String, Object>> kept = new ArrayList<>();
                if (m.group(3) != null) {
                    for (String part : m.group(3).split("; ")) {
                        Matcher k = KEPT.matcher(part);
                        if (!k.matches()) {
                            return null;
                        }
                        Map<String, Object> one = new LinkedHashMap<>();
                        one.put("component", k.group(1));
                        one.put("version", k.group(2));
                        one.put("releaseNumber", k.group(3));
                        one.put("noEarlier", part.contains("has no earlier version"));
                        kept.add(one);
                    }
                }
                facts.put("kept", kept);
                facts.put("deployedAt", m.group(4));
                facts.put("evidenceCount", Integer.valueOf(m.group(5)));
            }
            default -> {
                return null;
            }
        }
        return facts;
    }

    /** {@code a@1.0, b@2.0} as {@code [{component, version}]}. */
    private static List<Map<String, Object>> versions(String text) {
        List<Map<String, Object>> versions = new ArrayList<>();
        if (text.isBlank()) {
            return versions;
        }
        for (String part : text.split(", ")) {
            int at = part.lastIndexOf('@');
            versions.add(TimelineFacts.version(at < 0 ? part : part.substring(0, at),
                    at < 0 ? null : part.substring(at + 1)));
        }
        return versions;
    }
}
