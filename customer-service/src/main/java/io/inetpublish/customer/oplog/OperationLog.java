package io.inetpublish.customer.oplog;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Fact;
import io.swagger.v3.oas.annotations.media.Schema;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only operation log (操作日志), the platform's one audit trail. This service writes its own changes here
 * inside the change's transaction; the other services' changes arrive as events ({@link AuditTrail}). Nothing
 * updates or deletes an entry: there is no such code path, and database triggers refuse UPDATE, DELETE and TRUNCATE.
 * <p>
 * An entry is an {@link AuditEvent} plus who and when. The facts the log filters on (customer, environment, release,
 * deployment, update type, config change, source) get columns of their own; the other facts are kept as they came.
 */
@Component
@RequiredArgsConstructor
public class OperationLog {

    /** Facts filed in columns of their own rather than in {@code facts}. */
    private static final Set<String> FACTS_IN_COLUMNS = Set.of(Fact.CUSTOMER_ID, Fact.CUSTOMER_NAME,
            Fact.ENVIRONMENT_ID, Fact.ENVIRONMENT_NAME, Fact.RELEASE_ID, Fact.RELEASE_NUMBER, Fact.DEPLOYMENT_ID,
            Fact.UPDATE_TYPE, Fact.CONFIG_CHANGE, Fact.SOURCE);

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    /** One component's move; {@code from} is null when it was added, {@code to} null when it was removed. */
    @Schema(name = "ComponentChange")
    public record Change(String component, String from, String to) {
    }

    /** A change of this service, by {@code actor}, now. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(Actor actor, AuditEvent event) {
        appendAll(List.of(new Entry(actor, event)));
    }

    /** A change of this service and who made it. */
    public record Entry(Actor actor, AuditEvent event) {
    }

    /** Changes of this service, now, in this order, with one statement. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(List<Entry> entries) {
        Instant now = Instant.now();
        insert(entries.stream().map(e -> new Row(null, now, e.actor(), e.event())).toList());
    }

    /**
     * A change another service reported as event {@code eventId}; recorded at most once per event (the inbox already
     * skips a redelivery; the unique event id makes the log itself refuse a second copy).
     *
     * @return false when the event was recorded before
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean append(UUID eventId, Instant at, Actor actor, AuditEvent event) {
        return insert(List.of(new Row(eventId, at, actor, event))) == 1;
    }

    /** An entry as it is written: its event id (null for this service's own changes), when, who and what. */
    private record Row(UUID eventId, Instant at, Actor actor, AuditEvent event) {
    }

    /**
     * A column of {@code operation_log}: the SQL type its values are sent as (one array per column, an element per
     * row, unnested into rows), what it holds for a row, and how the row's value is read back out of the unnested
     * arrays.
     */
    private record Column(String name, String type, Function<Row, Object> value, String read) {

        Column(String name, String type, Function<Row, Object> value) {
            this(name, type, value, "l." + name);
        }
    }

    /** The table's columns, each named once here and nowhere else. */
    private final List<Column> columns = List.of(
            new Column("event_id", "uuid", Row::eventId),
            new Column("at", "timestamptz", Row::at),
            new Column("actor_id", "text", r -> r.actor().userId()),
            new Column("actor_name", "text", r -> r.actor().name()),
            new Column("kind", "text", r -> r.event().target().kind().name()),
            new Column("action", "text", r -> r.event().action()),
            new Column("target_id", "text", r -> truncate(r.event().target().id(), 200)),
            new Column("target_name", "text", r -> truncate(r.event().target().name(), 300)),
            new Column("customer_id", "uuid", r -> uuid(r.event().fact(Fact.CUSTOMER_ID))),
            new Column("customer_name", "text", r -> r.event().fact(Fact.CUSTOMER_NAME)),
            new Column("environment_id", "uuid", r -> uuid(r.event().fact(Fact.ENVIRONMENT_ID))),
            new Column("environment_name", "text", r -> r.event().fact(Fact.ENVIRONMENT_NAME)),
            // text[] in the table: an array per row cannot be one element of an unnested array, so it travels as a
            // JSON array and is turned back into text[] in its order
            new Column("components", "jsonb",
                    r -> toJson(changes(r.event()).stream().map(Change::component).distinct().toList()),
                    "array(select c.name from jsonb_array_elements_text(l.components) with ordinality as c(name, n)"
                            + " order by c.n)"),
            new Column("changes", "jsonb", r -> toJson(changes(r.event()))),
            new Column("field_changes", "jsonb", r -> toJson(r.event().changes())),
            new Column("facts", "jsonb", r -> toJson(otherFacts(r.event()))),
            new Column("update_type", "text", r -> r.event().fact(Fact.UPDATE_TYPE)),
            new Column("config_change", "boolean", r -> {
                String configChange = r.event().fact(Fact.CONFIG_CHANGE);
                return configChange == null ? null : Boolean.valueOf(configChange);
            }),
            new Column("release_id", "uuid", r -> uuid(r.event().fact(Fact.RELEASE_ID))),
            new Column("release_number", "text", r -> r.event().fact(Fact.RELEASE_NUMBER)),
            new Column("deployment_id", "uuid", r -> uuid(r.event().fact(Fact.DEPLOYMENT_ID))),
            new Column("source", "text", r -> r.event().fact(Fact.SOURCE)));

    /** The one insert: rows in their order (ids follow it), an event id at most once. */
    private final String insertStatement = """
            insert into operation_log (%s)
            select %s
            from unnest(%s) with ordinality as l(%s, n)
            order by l.n
            on conflict (event_id) where event_id is not null do nothing
            """.formatted(joined(Column::name), joined(Column::read), joined(c -> "?::" + c.type() + "[]"),
            joined(Column::name));

    private String joined(Function<Column, String> part) {
        return columns.stream().map(part).collect(Collectors.joining(", "));
    }

    /** Writes the rows with one statement; how many were new. */
    private int insert(List<Row> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        Object[] args = columns.stream().map(c -> rows.stream().map(c.value()).map(v -> v == null ? null
                : v.toString()).toArray(String[]::new)).toArray();
        return jdbc.update(insertStatement, args);
    }

    private String toJson(Object value) {
        return json.writeValueAsString(value);
    }

    private static List<Change> changes(AuditEvent event) {
        return event.versions().stream().map(v -> new Change(v.component(), v.from(), v.to())).toList();
    }

    /** The facts without those filed in columns of their own. */
    private static Map<String, String> otherFacts(AuditEvent event) {
        Map<String, String> facts = new LinkedHashMap<>(event.facts());
        facts.keySet().removeAll(FACTS_IN_COLUMNS);
        return facts;
    }

    /** A fact that should be an id; one that is not (an older or foreign producer) is left out of the column. */
    private static UUID uuid(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length - 1) + "…";
    }
}
