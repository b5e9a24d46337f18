package io.inetpublish.customer.oplog;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only operation log (操作日志). Every change of this service writes its entry here, inside the change's
 * own transaction; nothing updates or deletes an entry (a database trigger refuses it as well).
 */
@Component
@RequiredArgsConstructor
public class OperationLog {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    /** One component's move; {@code from} is null when it was added, {@code to} null when it was removed. */
    public record Change(String component, String from, String to) {
    }

    /** What happened, to which customer/environment, and in which release context (all optional but action). */
    public record Entry(String action, UUID customerId, String customerName, UUID environmentId,
            String environmentName, List<Change> changes, String updateType, Boolean configChange, UUID releaseId,
            String releaseNumber, UUID deploymentId, String source, String detail) {

        public static Entry about(String action, UUID customerId, String customerName, String detail) {
            return new Entry(action, customerId, customerName, null, null, List.of(), null, null, null, null, null,
                    null, detail);
        }

        public static Entry aboutEnvironment(String action, UUID customerId, String customerName, UUID environmentId,
                String environmentName, List<Change> changes, String source, String detail) {
            return new Entry(action, customerId, customerName, environmentId, environmentName, changes, null, null,
                    null, null, null, source, detail);
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(Actor actor, Entry entry) {
        List<Change> changes = entry.changes() == null ? List.of() : entry.changes();
        String[] components = changes.stream().map(Change::component).distinct().toArray(String[]::new);
        jdbc.update("""
                insert into operation_log (at, actor_id, actor_name, action, customer_id, customer_name,
                    environment_id, environment_name, components, changes, update_type, config_change, release_id,
                    release_number, deployment_id, source, detail)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?)
                """, Timestamp.from(Instant.now()), actor.userId(), actor.name(), entry.action(), entry.customerId(),
                entry.customerName(), entry.environmentId(), entry.environmentName(), components,
                json.writeValueAsString(changes), entry.updateType(), entry.configChange(), entry.releaseId(),
                entry.releaseNumber(), entry.deploymentId(), entry.source(), truncate(entry.detail()));
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= 4000 ? detail : detail.substring(0, 3997) + "...";
    }
}
