package io.inetpublish.customer.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.customer.version.Relation;
import io.inetpublish.common.version.VersionOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Version compare (版本对比): components × environments of any customers, each cell against the others and against
 * mainline; and one environment against mainline.
 */
@Service
@RequiredArgsConstructor
public class VersionCompare {

    public static final int MIN_ENVIRONMENTS = 2;
    public static final int MAX_ENVIRONMENTS = 50;

    private final JdbcTemplate jdbc;

    @Schema(name = "CompareColumn")
    public record Column(UUID id, String name, String type, UUID customerId, String customerName,
            String customerOwner) {
    }

    /**
     * One cell; {@code version} null when the environment lacks the component. {@code differs} is true when the cell
     * is not the row's prevailing version (the one most environments run; on a tie the newest).
     */
    @Schema(name = "CompareCell")
    public record Cell(UUID environmentId, String version, boolean differs, Relation relation, UUID releaseId,
            String releaseNumber) {
    }

    public record Row(String component, String mainlineVersion, boolean differs, List<Cell> cells) {
    }

    public record Matrix(List<Column> environments, List<Row> rows) {
    }

    public record MainlineRow(String component, String version, String mainlineVersion, Relation relation,
            UUID releaseId, String releaseNumber) {
    }

    public record MainlineComparison(Column environment, List<MainlineRow> rows) {
    }

    private record Installed(UUID environmentId, String component, String version, UUID releaseId,
            String releaseNumber, String mainlineVersion) {
    }

    @Transactional(readOnly = true)
    public Matrix compare(List<UUID> environmentIds, boolean differencesOnly) {
        List<UUID> ids = List.copyOf(new LinkedHashSet<>(environmentIds));
        if (ids.size() < MIN_ENVIRONMENTS || ids.size() > MAX_ENVIRONMENTS) {
            throw new FieldException("environments", "compare.environment-count", MIN_ENVIRONMENTS, MAX_ENVIRONMENTS);
        }
        List<Column> columns = columns(ids);
        Map<String, Map<UUID, Installed>> byComponent = new TreeMap<>();
        Map<String, String> mainline = new HashMap<>();
        for (Installed installed : installed(ids)) {
            byComponent.computeIfAbsent(installed.component(), c -> new HashMap<>())
                    .put(installed.environmentId(), installed);
            mainline.put(installed.component(), installed.mainlineVersion());
        }
        List<Row> rows = new ArrayList<>();
        byComponent.forEach((component, cells) -> {
            Row row = row(component, mainline.get(component), columns, cells);
            if (!differencesOnly || row.differs()) {
                rows.add(row);
            }
        });
        return new Matrix(columns, rows);
    }

    /** One environment's installed components with their mainline (for release-service's upgrade plans). */
    public record InstalledComponent(String component, String version, String mainlineVersion, UUID releaseId,
            String releaseNumber) {
    }

    public record EnvironmentInstallation(Column environment, List<InstalledComponent> components) {
    }

    /**
     * The installed components of 1 to {@value #MAX_ENVIRONMENTS} environments, each with its catalog mainline, in
     * the order asked; unknown environments are left out (the caller names them), so one round trip serves a plan.
     */
    @Transactional(readOnly = true)
    public List<EnvironmentInstallation> installations(List<UUID> environmentIds) {
        List<UUID> ids = List.copyOf(new LinkedHashSet<>(environmentIds));
        if (ids.isEmpty() || ids.size() > MAX_ENVIRONMENTS) {
            throw new FieldException("environments", "compare.environment-count", 1, MAX_ENVIRONMENTS);
        }
        Map<UUID, Column> columns = new HashMap<>();
        queryColumns(ids, columns);
        Map<UUID, List<InstalledComponent>> components = new HashMap<>();
        for (Installed i : installed(ids)) {
            components.computeIfAbsent(i.environmentId(), id -> new ArrayList<>()).add(new InstalledComponent(
                    i.component(), i.version(), i.mainlineVersion(), i.releaseId(), i.releaseNumber()));
        }
        List<EnvironmentInstallation> result = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            Column column = columns.get(id);
            if (column != null) {
                List<InstalledComponent> list = new ArrayList<>(components.getOrDefault(id, List.of()));
                list.sort(Comparator.comparing(InstalledComponent::component));
                result.add(new EnvironmentInstallation(column, list));
            }
        }
        return result;
    }

    @Transactional(readOnly = true)
    public MainlineComparison againstMainline(UUID environmentId, boolean differencesOnly) {
        Column column = columns(List.of(environmentId)).get(0);
        List<MainlineRow> rows = installed(List.of(environmentId)).stream()
                .map(i -> new MainlineRow(i.component(), i.version(), i.mainlineVersion(),
                        Relation.of(i.version(), i.mainlineVersion()), i.releaseId(), i.releaseNumber()))
                .filter(r -> !differencesOnly || r.relation() != Relation.EQUAL)
                .sorted(Comparator.comparing(MainlineRow::component))
                .toList();
        return new MainlineComparison(column, rows);
    }

    private static Row row(String component, String mainline, List<Column> columns, Map<UUID, Installed> cells) {
        // versions are "the same" by VersionOrder (v2.3.1 = 2.3.1); a missing component counts as its own value
        Map<String, Integer> counts = new HashMap<>();
        Map<String, String> sample = new HashMap<>();
        for (Column column : columns) {
            Installed cell = cells.get(column.id());
            String key = cell == null ? "" : VersionOrder.sortKey(cell.version());
            counts.merge(key, 1, Integer::sum);
            if (cell != null) {
                sample.putIfAbsent(key, cell.version());
            }
        }
        String prevailing = counts.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey).orElse("");
        boolean rowDiffers = counts.size() > 1;
        List<Cell> out = new ArrayList<>(columns.size());
        for (Column column : columns) {
            Installed cell = cells.get(column.id());
            String key = cell == null ? "" : VersionOrder.sortKey(cell.version());
            out.add(cell == null
                    ? new Cell(column.id(), null, rowDiffers && !Objects.equals(key, prevailing), null, null, null)
                    : new Cell(column.id(), cell.version(), rowDiffers && !key.equals(prevailing),
                            Relation.of(cell.version(), mainline), cell.releaseId(), cell.releaseNumber()));
        }
        return new Row(component, mainline, rowDiffers, out);
    }

    private List<Column> columns(List<UUID> ids) {
        Map<UUID, Column> found = new HashMap<>();
        queryColumns(ids, found);
        List<Column> columns = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            Column column = found.get(id);
            if (column == null) {
                throw new NotFoundException("environment", id);
            }
            columns.add(column);
        }
        return columns;
    }

    private void queryColumns(List<UUID> ids, Map<UUID, Column> found) {
        jdbc.query("""
                select e.id, e.name, e.type, c.id as customer_id, c.name as customer_name, c.owner
                from environment e join customer c on c.id = e.customer_id
                where e.id = any(?)
                """, rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    found.put(id, new Column(id, rs.getString("name"), rs.getString("type"),
                            rs.getObject("customer_id", UUID.class), rs.getString("customer_name"),
                            rs.getString("owner")));
                }, (Object) ids.toArray(UUID[]::new));
    }

    private List<Installed> installed(List<UUID> ids) {
        return jdbc.query("""
                select ec.environment_id, ec.component, ec.version, ec.release_id, ec.release_number,
                       c.mainline_version
                from environment_component ec join component c on c.name = ec.component
                where ec.environment_id = any(?)
                """, (rs, n) -> new Installed(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6)), (Object) ids.toArray(UUID[]::new));
    }
}
