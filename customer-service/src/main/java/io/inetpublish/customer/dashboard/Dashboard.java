package io.inetpublish.customer.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.text.Like;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.PageResponse;
import io.inetpublish.customer.environment.EnvironmentType;
import io.inetpublish.customer.version.Relation;
import io.swagger.v3.oas.annotations.media.Schema;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where everything stands (Octopus-style): customers × environments for a chosen set of components, each cell the
 * installed version and how it stands against the version a person aims at (a release record's, or none). One page
 * of customers costs four queries whatever its size: the customers (filtered, counted and paged in PostgreSQL),
 * their tags, their environments, and the chosen components' rows of those environments. Internal test
 * environments and archived customers are left out: the dashboard is about the customer base.
 */
@Service
@RequiredArgsConstructor
public class Dashboard {

    public static final int MAX_COMPONENTS = 30;

    private final NamedParameterJdbcTemplate jdbc;

    /** A component to show, with the version aimed at ({@code null}: just show what is installed). */
    @Schema(name = "DashboardColumn")
    public record Column(String component, String target) {
    }

    public record Filter(List<String> tags, List<EnvironmentType> types, String owner, String q) {
    }

    /** {@code relation}: the installed version against the column's target (UNKNOWN without a target). */
    @Schema(name = "DashboardCell")
    public record Cell(String version, Relation relation, UUID releaseId, String releaseNumber) {
    }

    public record EnvironmentRow(UUID id, String name, EnvironmentType type, Map<String, Cell> components) {
    }

    public record CustomerRow(UUID id, String name, String code, PersonRef owner, List<String> tags,
            List<EnvironmentRow> environments) {
    }

    public record Answer(List<Column> columns, PageResponse<CustomerRow> customers) {
    }

    @Transactional(readOnly = true)
    public Answer page(List<Column> columns, Filter filter, int page, int size) {
        List<String> names = columns.stream().map(Column::component).toList();
        List<String> known = jdbc.queryForList("select name from component where name in (:names)",
                Map.of("names", names), String.class);
        for (int i = 0; i < names.size(); i++) {
            if (!known.contains(names.get(i))) {
                throw new FieldException("component[" + i + "]", "dashboard.component-unknown", names.get(i));
            }
        }
        MapSqlParameterSource args = new MapSqlParameterSource();
        StringBuilder environmentFilter = new StringBuilder("e.customer_id = c.id and not e.internal_test");
        if (filter.types() != null && !filter.types().isEmpty()) {
            environmentFilter.append(" and e.type in (:types)");
            args.addValue("types", filter.types().stream().map(Enum::name).toList());
        }
        StringBuilder where = new StringBuilder("not c.archived and exists (select 1 from environment e where ")
                .append(environmentFilter).append(')');
        if (filter.tags() != null && !filter.tags().isEmpty()) {
            where.append(" and exists (select 1 from customer_tag t where t.customer_id = c.id and t.tag in (:tags))");
            args.addValue("tags", filter.tags());
        }
        if (filter.owner() != null && !filter.owner().isBlank()) {
            where.append(" and (c.owner_id = :owner or c.owner = :owner)");
            args.addValue("owner", filter.owner().strip());
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            where.append(" and (lower(c.name) like :q escape '\\' or lower(c.code) like :q escape '\\')");
            args.addValue("q", Like.containing(filter.q()));
        }
        args.addValue("limit", size).addValue("offset", (long) page * size);
        long[] total = {0};
        Map<UUID, CustomerRow> customers = new LinkedHashMap<>();
        jdbc.query("select c.id, c.name, c.code, c.owner, c.owner_id, count(*) over () as total from customer c where "
                + where + " order by c.name, c.id limit :limit offset :offset", args, rs -> {
                    total[0] = rs.getLong("total");
                    UUID id = rs.getObject("id", UUID.class);
                    customers.put(id, new CustomerRow(id, rs.getString("name"), rs.getString("code"),
                            PersonRef.of(rs.getString("owner_id"), rs.getString("owner")), new ArrayList<>(),
                            new ArrayList<>()));
                });
        if (customers.isEmpty() && page > 0) {
            // past the end: count without a page
            Long count = jdbc.queryForObject("select count(*) from customer c where " + where, args, Long.class);
            total[0] = count == null ? 0 : count;
        }
        if (!customers.isEmpty()) {
            MapSqlParameterSource ids = new MapSqlParameterSource(args.getValues()).addValue("ids", customers.keySet());
            jdbc.query("select customer_id, tag from customer_tag where customer_id in (:ids) order by tag", ids,
                    rs -> {
                        customers.get(rs.getObject("customer_id", UUID.class)).tags().add(rs.getString("tag"));
                    });
            Map<UUID, EnvironmentRow> environments = new LinkedHashMap<>();
            jdbc.query("select e.id, e.customer_id, e.name, e.type from environment e join customer c on c.id ="
                    + " e.customer_id where c.id in (:ids) and " + environmentFilter + " order by lower(e.name), e.id",
                    ids, rs -> {
                        EnvironmentRow row = new EnvironmentRow(rs.getObject("id", UUID.class), rs.getString("name"),
                                EnvironmentType.valueOf(rs.getString("type")), new LinkedHashMap<>());
                        environments.put(row.id(), row);
                        customers.get(rs.getObject("customer_id", UUID.class)).environments().add(row);
                    });
            if (!environments.isEmpty()) {
                Map<String, String> targets = new LinkedHashMap<>();
                columns.forEach(c -> targets.put(c.component(), c.target()));
                jdbc.query("""
                        select environment_id, component, version, release_id, release_number
                        from environment_component where environment_id in (:environments) and component in (:names)
                        """, new MapSqlParameterSource("environments", environments.keySet()).addValue("names", names),
                        rs -> {
                            String component = rs.getString("component");
                            String version = rs.getString("version");
                            environments.get(rs.getObject("environment_id", UUID.class)).components().put(component,
                                    new Cell(version, Relation.of(version, targets.get(component)),
                                            rs.getObject("release_id", UUID.class), rs.getString("release_number")));
                        });
            }
        }
        int pages = size == 0 ? 0 : (int) ((total[0] + size - 1) / size);
        return new Answer(columns, new PageResponse<>(List.copyOf(customers.values()), page, size, total[0], pages));
    }

    /** The distinct tags of active customers (for the dashboard's and rollout dialog's tag pickers). */
    @Transactional(readOnly = true)
    public List<String> tags() {
        return new ArrayList<>(new TreeSet<>(jdbc.queryForList("""
                select distinct t.tag from customer_tag t join customer c on c.id = t.customer_id where not c.archived
                """, Map.of(), String.class)));
    }
}
