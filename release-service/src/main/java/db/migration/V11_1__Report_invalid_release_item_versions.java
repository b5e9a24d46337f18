package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.inetpublish.common.version.Version;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 16: release items are checked against the one version grammar since this version. Items stored before that
 * break it are recorded in {@code invalid_stored_version} and logged as a WARN line; such a record is refused at the
 * next test deployment, package or customer deployment until it is edited.
 */
public class V11_1__Report_invalid_release_item_versions extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V11_1__Report_invalid_release_item_versions.class);

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("""
                    create table if not exists invalid_stored_version (
                        id          bigserial primary key,
                        table_name  varchar(64)  not null,
                        row_key     varchar(300) not null,
                        column_name varchar(64)  not null,
                        value       varchar(100) not null,
                        found_at    timestamptz  not null default now()
                    )""");
        }
        int invalid = 0;
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("""
                        select r.number, i.position, i.component, i.version
                        from release_item i join release_record r on r.id = i.release_id
                        order by r.number, i.position""");
                PreparedStatement report = connection.prepareStatement("insert into invalid_stored_version"
                        + " (table_name, row_key, column_name, value) values ('release_item', ?, 'version', ?)")) {
            while (rows.next()) {
                String version = rows.getString("version");
                if (Version.isValid(version)) {
                    continue;
                }
                String key = rows.getString("number") + " items[" + rows.getInt("position") + "] "
                        + rows.getString("component");
                log.warn("Stored version '{}' of {} breaks the version grammar; edit the release record", version,
                        key);
                report.setString(1, key);
                report.setString(2, version);
                report.addBatch();
                invalid++;
            }
            report.executeBatch();
        }
        log.info("{} stored release item versions break the version grammar", invalid);
    }
}
