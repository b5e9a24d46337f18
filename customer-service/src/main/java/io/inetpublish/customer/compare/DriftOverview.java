package io.inetpublish.customer.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.customer.version.Relation;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Drift overview: per environment how many components are behind/equal/ahead of mainline; per component how many
 * environments run each version, oldest version first. Counted in PostgreSQL over the stored sort keys.
 */
@Service
@RequiredArgsConstructor
public class DriftOverview {

    private final JdbcTemplate jdbc;

    public record EnvironmentDrift(UUID environmentId, String environmentName, String type, UUID customerId,
            String customerName, String customerOwner, int components, int behind, int equal, int ahead,
            int unknown) {
    }

    public record Adoption(String version, Relation relation, int environments) {
    }

    public record ComponentDrift(String component, String mainlineVersion, int environments, int behind,
            List<Adoption> versions) {
    }

    public record Overview(List<EnvironmentDrift> environments, List<ComponentDrift> components) {
    }

    /** {@code customerId} and {@code type} narrow the environments; without a customer, archived ones are left out. */
    @Transactional(readOnly = true)
    public Overview overview(UUID customerId, String type) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where true");
        if (customerId != null) {
            Integer known = jdbc.queryForObject("select count(*) from customer where id = ?", Integer.class,
                    customerId);
            if (known == null || known == 0) {
                throw new NotFoundException("customer", customerId);
            }
            where.append(" and e.customer_id = ?");
            args.add(customerId);
        } else {
            where.append(" and not c.archived");
        }
        if (type != null) {
            where.append(" and e.type = ?");
            args.add(type);
        }
        List<EnvironmentDrift> environments = jdbc.query("""
                select e.id, e.name, e.type, c.id as customer_id, c.name as customer_name, c.owner,
                       count(ec.component) as total,
                       count(*) filter (where ec.sort_key < co.mainline_sort_key) as behind,
                       count(*) filter (where ec.sort_key = co.mainline_sort_key) as equal,
                       count(*) filter (where ec.sort_key > co.mainline_sort_key) as ahead,
                       count(ec.component) filter (where co.mainline_sort_key is null) as unknown
                from environment e
                join customer c on c.id = e.customer_id
                left join environment_component ec on ec.environment_id = e.id
                left join component co on co.name = ec.component
                """ + where + """
                 group by e.id, e.name, e.type, c.id, c.name, c.owner
                 order by behind desc, c.name, e.name, e.id
                """, (rs, n) -> new EnvironmentDrift(rs.getObject("id", UUID.class), rs.getString("name"),
                rs.getString("type"), rs.getObject("customer_id", UUID.class), rs.getString("customer_name"),
                rs.getString("owner"), rs.getInt("total"), rs.getInt("behind"), rs.getInt("equal"),
                rs.getInt("ahead"), rs.getInt("unknown")), args.toArray());

        Map<String, ComponentDrift> components = new LinkedHashMap<>();
        jdbc.query("""
                select ec.component, co.mainline_version, ec.version, %s as relation, count(*) as environments
                from environment_component ec
                join environment e on e.id = ec.environment_id
                join customer c on c.id = e.customer_id
                join component co on co.name = ec.component
                """.formatted(Relation.sql("ec.sort_key", "co.mainline_sort_key")) + where + """
                 group by ec.component, co.mainline_version, co.mainline_sort_key, ec.sort_key, ec.version
                 order by ec.component, ec.sort_key, ec.version
                """, rs -> {
                    String component = rs.getString("component");
                    Relation relation = Relation.valueOf(rs.getString("relation"));
                    int count = rs.getInt("environments");
                    ComponentDrift current = components.computeIfAbsent(component,
                            c -> new ComponentDrift(c, null, 0, 0, new ArrayList<>()));
                    String mainline = rs.getString("mainline_version");
                    current.versions().add(new Adoption(rs.getString("version"), relation, count));
                    components.put(component, new ComponentDrift(component, mainline,
                            current.environments() + count,
                            current.behind() + (relation == Relation.BEHIND ? count : 0), current.versions()));
                }, args.toArray());
        return new Overview(environments, List.copyOf(components.values()));
    }
}
