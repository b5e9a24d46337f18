package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 17: the operation log filed a delta bundle's result ({@code BUILD_FINISHED} of a package built for an upgrade
 * plan) with the bundle's name as its release number, before AuditTrailConsumer filed it as {@code bundleName}. A
 * build entry without a release record ({@code release_id} null) but with a release number is such a bundle: its name
 * moves to the fact {@code bundleName}; the plan and the records it applies are taken from the same build's
 * {@code BUILD_TRIGGERED} entry (build-service wrote them there from the start) when the log has it, and the customer's
 * name from the environment's customer — the facts a new entry carries. Every other entry stays as it is. The log is
 * append-only; its guard steps aside for this migration, as for V18_1.
 */
public class V35_3__Delta_bundle_names_out_of_release_number extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V35_3__Delta_bundle_names_out_of_release_number.class);

    static final String FIX = """
            update operation_log o set
                facts = o.facts || jsonb_build_object('bundleName', o.release_number)
                        || coalesce((select jsonb_strip_nulls(jsonb_build_object(
                                             'plan', t.facts ->> 'plan', 'releaseNumbers', t.facts ->> 'releaseNumbers'))
                                     from operation_log t
                                     where t.kind = 'BUILD' and t.action = 'BUILD_TRIGGERED' and t.target_id = o.target_id
                                     order by t.at limit 1), '{}'::jsonb),
                release_number = null,
                customer_name = coalesce(o.customer_name, (select c.name from environment e
                                                           join customer c on c.id = e.customer_id
                                                           where e.id = o.environment_id))
            where o.kind = 'BUILD' and o.action = 'BUILD_FINISHED' and o.release_id is null
              and o.release_number is not null and not o.facts ? 'bundleName'
            """;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement s = connection.createStatement()) {
            s.execute("alter table operation_log disable trigger operation_log_append_only");
            int fixed = s.executeUpdate(FIX);
            s.execute("alter table operation_log enable trigger operation_log_append_only");
            if (fixed > 0) {
                log.info("operation log: {} delta bundle results no longer name the bundle as a release number", fixed);
            }
        }
    }
}
