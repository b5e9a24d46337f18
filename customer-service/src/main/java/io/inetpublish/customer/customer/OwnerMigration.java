package io.inetpublish.customer.customer;

import java.util.List;

import io.inetpublish.common.people.OwnerTextMatching;
import io.inetpublish.common.people.PeopleDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Matches customer owners written as free text (owner_status PENDING) to platform people ({@link OwnerTextMatching}):
 * a match becomes the owner (id and name, RESOLVED); anything else is kept visible as UNRESOLVED with the reason, for
 * an admin to fix.
 */
@Component
public class OwnerMigration extends OwnerTextMatching {

    private final JdbcClient jdbc;

    OwnerMigration(JdbcClient jdbc, PeopleDirectory people, TransactionTemplate tx) {
        super(people, tx, "customer");
        this.jdbc = jdbc;
    }

    @Override
    protected List<String> waiting(int batch) {
        return jdbc.sql("""
                select distinct owner_text from customer where owner_status = 'PENDING' and owner_text is not null
                order by owner_text limit :batch""").param("batch", batch).query(String.class).list();
    }

    @Override
    protected int matched(String text, String id, String name) {
        return jdbc.sql("""
                update customer set owner_id = :id, owner = :name, owner_status = 'RESOLVED',
                    owner_text = null, owner_reason = null, version = version + 1
                where owner_status = 'PENDING' and owner_text = :text""")
                .param("id", id).param("name", name).param("text", text).update();
    }

    @Override
    protected int unmatched(String text, String reason) {
        return jdbc.sql("""
                update customer set owner_status = 'UNRESOLVED', owner_reason = :reason, version = version + 1
                where owner_status = 'PENDING' and owner_text = :text""")
                .param("reason", reason).param("text", text).update();
    }

    /** An admin asks to try the unmatched owners again. */
    public int retryUnresolved() {
        jdbc.sql("update customer set owner_status = 'PENDING' where owner_status = 'UNRESOLVED'").update();
        return run();
    }
}
