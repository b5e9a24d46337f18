package io.inetpublish.customer.impact;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.common.web.PageResponse;
import io.inetpublish.common.version.VersionRange;
import io.inetpublish.common.version.VersionRange.Bound;
import io.inetpublish.customer.support.Streaming;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Impact search (影响范围): every environment running a component at a version inside an affected range. The range
 * is translated into comparisons of the stored {@code sort_key} column (index {@code (component, sort_key)}), so
 * PostgreSQL selects and pages the rows; nothing is loaded into memory to be compared.
 */
@Service
@RequiredArgsConstructor
public class ImpactSearch {

    private final JdbcTemplate jdbc;

    public record Query(String component, String range, List<String> types, boolean includeArchived) {
    }

    public record Hit(UUID environmentId, String environmentName, String type, UUID customerId, String customerName,
            PersonRef customerOwner, String component, String version, UUID releaseId, String releaseNumber,
            Instant updatedAt) {
    }

    private record Sql(String where, List<Object> args) {
    }

    @Transactional(readOnly = true)
    public PageResponse<Hit> search(Query query, int page, int size) {
        Sql sql = where(query);
        Long total = jdbc.queryForObject("""
                select count(*) from environment_component ec
                join environment e on e.id = ec.environment_id
                join customer c on c.id = e.customer_id
                """ + sql.where(), Long.class, sql.args().toArray());
        List<Object> args = new ArrayList<>(sql.args());
        args.add(size);
        args.add((long) page * size);
        List<Hit> hits = jdbc.query(SELECT + sql.where() + ORDER + " limit ? offset ?", ImpactSearch::hit,
                args.toArray());
        long totalItems = total == null ? 0 : total;
        return new PageResponse<>(hits, page, size, totalItems, (int) ((totalItems + size - 1) / size));
    }

    /** Checks a query's component and range, failing as a search would. */
    @Transactional(readOnly = true)
    public void validate(Query query) {
        where(query);
    }

    /** Streams every hit in order to {@code sink}, fetching from the database in chunks. */
    @Transactional(readOnly = true)
    public void each(Query query, Consumer<Hit> sink) {
        Sql sql = where(query);
        Streaming.each(jdbc, SELECT + sql.where() + ORDER, sql.args(), (rs, i) -> hit(rs, i), sink);
    }

    private static final String SELECT = """
            select e.id, e.name, e.type, c.id as customer_id, c.name as customer_name, c.owner, c.owner_id,
                   ec.component,
                   ec.version,
                   ec.release_id, ec.release_number, ec.updated_at
            from environment_component ec
            join environment e on e.id = ec.environment_id
            join customer c on c.id = e.customer_id
            """;

    private static final String ORDER = " order by ec.sort_key, c.name, e.name, e.id";

    private Sql where(Query query) {
        if (query.component() == null || query.component().isBlank()) {
            throw new FieldException("component", "impact.component-required");
        }
        VersionRange range;
        try {
            range = VersionRange.parse(query.range());
        } catch (VersionRange.InvalidRangeException ex) {
            throw new FieldException("range", ex.code(), ex.args());
        }
        String component = query.component().strip();
        Integer known = jdbc.queryForObject("select count(*) from component where name = ?", Integer.class,
                component);
        if (known == null || known == 0) {
            throw new NotFoundException("component", component);
        }
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where ec.component = ? and (");
        args.add(component);
        for (int a = 0; a < range.alternatives().size(); a++) {
            where.append(a == 0 ? "(" : " or (");
            List<Bound> bounds = range.alternatives().get(a);
            for (int b = 0; b < bounds.size(); b++) {
                where.append(b == 0 ? "" : " and ").append("ec.sort_key ").append(bounds.get(b).op().sql())
                        .append(" ?");
                args.add(bounds.get(b).sortKey());
            }
            where.append(')');
        }
        where.append(')');
        if (query.types() != null && !query.types().isEmpty()) {
            where.append(" and e.type = any(?)");
            args.add(query.types().toArray(String[]::new));
        }
        if (!query.includeArchived()) {
            where.append(" and not c.archived");
        }
        return new Sql(where.toString(), args);
    }

    private static Hit hit(ResultSet rs, int n) throws SQLException {
        return new Hit(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("type"),
                rs.getObject("customer_id", UUID.class), rs.getString("customer_name"),
                PersonRef.of(rs.getString("owner_id"), rs.getString("owner")),
                rs.getString("component"), rs.getString("version"), rs.getObject("release_id", UUID.class), rs.getString("release_number"),
                rs.getTimestamp("updated_at").toInstant());
    }
}
