package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.inetpublish.common.version.Version;
import io.inetpublish.common.version.VersionOrder;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 16: the ordering changed (a fix or build suffix such as {@code 2.0.7-hotfix.1} now sorts after
 * {@code 2.0.7}), so every stored sort key is recomputed by {@link VersionOrder#sortKey}. Every stored version that
 * breaks the {@link Version} grammar is recorded in {@code invalid_stored_version} and logged as a WARN line; it
 * keeps working (it still gets a key) until someone corrects it.
 */
public class V11_2__Recompute_version_sort_keys extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V11_2__Recompute_version_sort_keys.class);

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        int changed = 0;
        int invalid = 0;
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery(
                        "select environment_id, component, version, sort_key from environment_component");
                PreparedStatement update = connection.prepareStatement(
                        "update environment_component set sort_key = ? where environment_id = ? and component = ?");
                PreparedStatement report = report(connection)) {
            while (rows.next()) {
                String version = rows.getString("version");
                String key = rows.getString("environment_id") + "/" + rows.getString("component");
                String sortKey = VersionOrder.sortKey(version);
                if (!sortKey.equals(rows.getString("sort_key"))) {
                    update.setString(1, sortKey);
                    update.setObject(2, rows.getObject("environment_id"));
                    update.setString(3, rows.getString("component"));
                    update.addBatch();
                    changed++;
                }
                if (!Version.isValid(version)) {
                    invalid += report(report, "environment_component", key, "version", version);
                }
            }
            update.executeBatch();
            report.executeBatch();
        }
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("select name, mainline_version, mainline_sort_key from component"
                        + " where mainline_version is not null");
                PreparedStatement update = connection.prepareStatement(
                        "update component set mainline_sort_key = ? where name = ?");
                PreparedStatement report = report(connection)) {
            while (rows.next()) {
                String version = rows.getString("mainline_version");
                String sortKey = VersionOrder.sortKey(version);
                if (!sortKey.equals(rows.getString("mainline_sort_key"))) {
                    update.setString(1, sortKey);
                    update.setString(2, rows.getString("name"));
                    update.addBatch();
                    changed++;
                }
                if (!Version.isValid(version)) {
                    invalid += report(report, "component", rows.getString("name"), "mainline_version", version);
                }
            }
            update.executeBatch();
            report.executeBatch();
        }
        log.info("Recomputed version sort keys: {} changed; {} stored versions break the version grammar", changed,
                invalid);
    }

    private static PreparedStatement report(Connection connection) throws SQLException {
        return connection.prepareStatement("insert into invalid_stored_version (table_name, row_key, column_name,"
                + " value) values (?, ?, ?, ?)");
    }

    private static int report(PreparedStatement report, String table, String key, String column, String value)
            throws SQLException {
        log.warn("Stored version '{}' in {}.{} ({}) breaks the version grammar; correct it through the API",
                value, table, column, key);
        report.setString(1, table);
        report.setString(2, key);
        report.setString(3, column);
        report.setString(4, value);
        report.addBatch();
        return 1;
    }
}
