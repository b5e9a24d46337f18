package io.inetpublish.customer.oplog;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Fact;
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
    private static final Set<String> COLUMNS = Set.of(Fact.CUSTOMER_ID, Fact.CUSTOMER_NAME, Fact.ENVIRONMENT_ID,
            Fact.ENVIRONMENT_NAME, Fact.RELEASE_ID, Fact.RELEASE_NUMBER, Fact.DEPLOYMENT_ID, Fact.UPDATE_TYPE,
            Fact.CONFIG_CHANGE, Fact.SOURCE);

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    /** One component's move; {@code from} is null when it was added, {@code to} null when it was removed. */
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
        if (entries.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        List<Object[]> rows = entries.stream().map(e -> values(null, now, e.actor(), e.event())).toList();
        // column i of every row as one array (the time is the same for all); components, an array per row, as JSON
        Object[] args = new Object[INSERT_COLUMNS];
        args[0] = Timestamp.from(now);
        for (int column = 0, arg = 1; column < INSERT_COLUMNS; column++) {
            if (column == AT) {
                continue;
            }
            int c = column;
            args[arg++] = rows.stream().map(row -> row[c] == null ? null
                    : c == COMPONENTS ? json.writeValueAsString(row[c]) : row[c].toString()).toArray(String[]::new);
        }
        jdbc.update(INSERT_ALL, args);
    }

    private static final int INSERT_COLUMNS = 22;
    private static final int AT = 1;
    private static final int COMPONENTS = 12;

    /** {@link #INSERT} of many rows in one statement, in their order (ids follow it). */
    private static final String INSERT_ALL = """
            insert into operation_log (event_id, at, actor_id, actor_name, kind, action, target_id, target_name,
                customer_id, customer_name, environment_id, environment_name, components, changes, field_changes,
                facts, update_type, config_change, release_id, release_number, deployment_id, source)
            select l.event_id, ?, l.actor_id, l.actor_name, l.kind, l.action, l.target_id, l.target_name,
                l.customer_id, l.customer_name, l.environment_id, l.environment_name,
                array(select c.name from jsonb_array_elements_text(l.components) with ordinality as c(name, n)
                    order by c.n),
                l.changes, l.field_changes, l.facts, l.update_type, l.config_change, l.release_id, l.release_number,
                l.deployment_id, l.source
            from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[],
                    ?::text[], ?::uuid[], ?::text[], ?::jsonb[], ?::jsonb[], ?::jsonb[], ?::jsonb[], ?::text[],
                    ?::boolean[], ?::uuid[], ?::text[], ?::uuid[], ?::text[])
                with ordinality as l(event_id, actor_id, actor_name, kind, action, target_id, target_name,
                    customer_id, customer_name, environment_id, environment_name, components, changes,
                    field_changes, facts, update_type, config_change, release_id, release_number, deployment_id,
                    source, n)
            order by l.n
            on conflict (event_id) where event_id is not null do nothing
            """;

    /**
     * A change another service reported as event {@code eventId}; recorded at most once per event (the inbox already
     * skips a redelivery; the unique event id makes the log itself refuse a second copy).
     *
     * @return false when the event was recorded before
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean append(UUID eventId, Instant at, Actor actor, AuditEvent event) {
        return jdbc.update(INSERT, values(eventId, at, actor, event)) == 1;
    }

    private static final String INSERT = """
            insert into operation_log (event_id, at, actor_id, actor_name, kind, action, target_id, target_name,
                customer_id, customer_name, environment_id, environment_name, components, changes, field_changes,
                facts, update_type, config_change, release_id, release_number, deployment_id, source)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb),
                ?, ?, ?, ?, ?, ?)
            on conflict (event_id) where event_id is not null do nothing
            """;

    private Object[] values(UUID eventId, Instant at, Actor actor, AuditEvent event) {
        List<Change> changes = event.versions().stream().map(v -> new Change(v.component(), v.from(), v.to()))
                .toList();
        String[] components = changes.stream().map(Change::component).distinct().toArray(String[]::new);
        Map<String, String> facts = new LinkedHashMap<>(event.facts());
        facts.keySet().removeAll(COLUMNS);
        String configChange = event.fact(Fact.CONFIG_CHANGE);
        return new Object[] {eventId, Timestamp.from(at), actor.userId(), actor.name(), event.target().kind().name(),
                event.action(), truncate(event.target().id(), 200), truncate(event.target().name(), 300),
                uuid(event.fact(Fact.CUSTOMER_ID)), event.fact(Fact.CUSTOMER_NAME),
                uuid(event.fact(Fact.ENVIRONMENT_ID)), event.fact(Fact.ENVIRONMENT_NAME), components,
                json.writeValueAsString(changes), json.writeValueAsString(event.changes()),
                json.writeValueAsString(facts), event.fact(Fact.UPDATE_TYPE),
                configChange == null ? null : Boolean.valueOf(configChange), uuid(event.fact(Fact.RELEASE_ID)),
                event.fact(Fact.RELEASE_NUMBER), uuid(event.fact(Fact.DEPLOYMENT_ID)), event.fact(Fact.SOURCE)};
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
