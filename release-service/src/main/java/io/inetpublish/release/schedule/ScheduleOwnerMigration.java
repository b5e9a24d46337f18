package io.inetpublish.release.schedule;

import io.inetpublish.common.people.OwnerTextMatching;
import io.inetpublish.common.people.PeopleDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Matches schedule owners written as free text (owner_id null: schedules planned before owners were people) to
 * platform people, as customer-service does for customers ({@link OwnerTextMatching}): a match sets owner_id and the
 * name, so reminders reach the person; otherwise owner_reason keeps why, and the text stays visible.
 */
@Component
public class ScheduleOwnerMigration extends OwnerTextMatching {

    private static final Statements SCHEDULE_OWNERS = new Statements("""
            select distinct owner_name from update_schedule
            where owner_id is null and owner_name is not null and owner_reason is null
            order by owner_name limit :batch""", """
            update update_schedule set owner_id = :id, owner_name = :name, version = version + 1
            where owner_id is null and owner_name = :text and owner_reason is null""", """
            update update_schedule set owner_reason = :reason
            where owner_id is null and owner_name = :text and owner_reason is null""");

    ScheduleOwnerMigration(JdbcClient jdbc, PeopleDirectory people, TransactionTemplate tx) {
        super(people, tx, "schedule", jdbc, SCHEDULE_OWNERS);
    }
}
