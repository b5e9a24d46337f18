package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.inetpublish.common.i18n.EnglishTexts;
import io.inetpublish.common.i18n.StoredText;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 16, item 5: a failed build's timeline entry recorded before {@code build.finished} carried its reason as codes
 * keeps the English sentence build-service sent ({@code facts.reason}, a string). Each sentence the build-reason
 * catalogue writes is read back into its codes ({@link EnglishTexts#buildReasons()}), which the web app words in the
 * reader's language; any other text stays as it is (shown as stored) and is counted in the log line.
 */
public class V36_2__Build_reasons_in_timeline_as_codes extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V36_2__Build_reasons_in_timeline_as_codes.class);

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        int read = 0;
        int kept = 0;
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("""
                        select id, facts ->> 'reason' from release_timeline
                        where action in ('TEST_DEPLOYMENT_FAILED', 'PACKAGING_FAILED')
                          and jsonb_typeof(facts -> 'reason') = 'string'""");
                PreparedStatement update = connection.prepareStatement("""
                        update release_timeline set facts = jsonb_set(facts, '{reason}', cast(? as jsonb))
                        where id = ?""")) {
            while (rows.next()) {
                StoredText reason = EnglishTexts.buildReasons().read(rows.getString(2));
                if (reason == null) {
                    kept++;
                    continue;
                }
                update.setString(1, reason.toJson());
                update.setLong(2, rows.getLong(1));
                update.addBatch();
                read++;
            }
            update.executeBatch();
        }
        log.info("Timeline: {} build reasons now kept as codes, {} keep their text", read, kept);
    }
}
