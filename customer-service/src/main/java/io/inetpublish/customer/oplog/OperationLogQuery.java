package io.inetpublish.customer.oplog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.web.PageResponse;
import io.inetpublish.customer.support.Streaming;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the operation log, newest first, with filters; pages for the screen, streams for CSV export. */
@Service
@RequiredArgsConstructor
public class OperationLogQuery {

    private static final TypeReference<List<OperationLog.Change>> CHANGES = new TypeReference<>() {
    };
    private static final TypeReference<List<AuditEvent.Change>> FIELD_CHANGES = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> FACTS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    /**
     * All filters are optional; {@code operator} matches the operator's user id or name, {@code target} the target's
     * id or name, {@code kind} one of {@link AuditEvent.Kind}.
     */
    public record Filter(UUID customerId, UUID environmentId, String component, String operator, Instant from,
            Instant to, String updateType, String action, String kind, String target) {
    }

    /**
     * One entry. {@code changes} are component version moves, {@code fieldChanges} other fields' values before and
     * after, {@code facts} what else is known (ids, numbers, results): values, for the reader's language to word.
     * {@code detail} is free text of entries written before the audit trail had facts.
     */
    public record LogEntry(long id, Instant at, PersonRef actor, String kind, String action,
            String targetId, String targetName, UUID customerId, String customerName, UUID environmentId,
            String environmentName, List<OperationLog.Change> changes, List<AuditEvent.Change> fieldChanges,
            Map<String, String> facts, String updateType, Boolean configChange, UUID releaseId,
            String releaseNumber, UUID deploymentId, String source, String detail) {
    }

    private record Sql(String where, List<Object> args) {
    }

    @Transactional(readOnly = true)
    public PageResponse<LogEntry> page(Filter filter, int page, int size) {
        Sql sql = where(filter);
        Long total = jdbc.queryForObject("select count(*) from operation_log" + sql.where(), Long.class,
                sql.args().toArray());
        List<Object> args = new ArrayList<>(sql.args());
        args.add(size);
        args.add((long) page * size);
        List<LogEntry> items = jdbc.query(SELECT + sql.where() + ORDER + " limit ? offset ?", this::entry,
                args.toArray());
        long totalItems = total == null ? 0 : total;
        return new PageResponse<>(items, page, size, totalItems, (int) ((totalItems + size - 1) / size));
    }

    @Transactional(readOnly = true)
    public void each(Filter filter, Consumer<LogEntry> sink) {
        Sql sql = where(filter);
        Streaming.each(jdbc, SELECT + sql.where() + ORDER, sql.args(), (rs, i) -> entry(rs, i), sink);
    }

    private static final String SELECT = """
            select id, at, actor_id, actor_name, kind, action, target_id, target_name, customer_id, customer_name,
                   environment_id, environment_name, changes, field_changes, facts, update_type, config_change,
                   release_id, release_number, deployment_id, source, detail
            from operation_log""";

    private static final String ORDER = " order by at desc, id desc";

    private static Sql where(Filter f) {
        StringBuilder where = new StringBuilder();
        List<Object> args = new ArrayList<>();
        if (f.customerId() != null) {
            where.append(" and customer_id = ?");
            args.add(f.customerId());
        }
        if (f.environmentId() != null) {
            where.append(" and environment_id = ?");
            args.add(f.environmentId());
        }
        if (f.component() != null) {
            where.append(" and components @> array[?]::text[]");
            args.add(f.component());
        }
        if (f.operator() != null) {
            where.append(" and (actor_id = ? or actor_name = ?)");
            args.add(f.operator());
            args.add(f.operator());
        }
        if (f.from() != null) {
            where.append(" and at >= ?");
            args.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            where.append(" and at < ?");
            args.add(Timestamp.from(f.to()));
        }
        if (f.updateType() != null) {
            where.append(" and update_type = ?");
            args.add(f.updateType());
        }
        if (f.action() != null) {
            where.append(" and action = ?");
            args.add(f.action());
        }
        if (f.kind() != null) {
            where.append(" and kind = ?");
            args.add(f.kind());
        }
        if (f.target() != null) {
            where.append(" and (target_id = ? or target_name = ?)");
            args.add(f.target());
            args.add(f.target());
        }
        return new Sql(where.isEmpty() ? "" : " where" + where.substring(4), args);
    }

    private LogEntry entry(ResultSet rs, int n) throws SQLException {
        return new LogEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                PersonRef.of(rs.getString("actor_id"), rs.getString("actor_name")), rs.getString("kind"), rs.getString("action"), rs.getString("target_id"),
                rs.getString("target_name"), rs.getObject("customer_id", UUID.class),
                rs.getString("customer_name"), rs.getObject("environment_id", UUID.class),
                rs.getString("environment_name"), json.readValue(rs.getString("changes"), CHANGES),
                json.readValue(rs.getString("field_changes"), FIELD_CHANGES),
                json.readValue(rs.getString("facts"), FACTS),
                rs.getString("update_type"), (Boolean) rs.getObject("config_change"),
                rs.getObject("release_id", UUID.class), rs.getString("release_number"),
                rs.getObject("deployment_id", UUID.class), rs.getString("source"), rs.getString("detail"));
    }
}
