package io.inetpublish.customer.customer;

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

    private static final Statements CUSTOMER_OWNERS = new Statements("""
            select distinct owner_text from customer where owner_status = 'PENDING' and owner_text is not null
            order by owner_text limit :batch""", """
            update customer set owner_id = :id, owner = :name, owner_status = 'RESOLVED',
                owner_text = null, owner_reason = null, version = version + 1
            where owner_status = 'PENDING' and owner_text = :text""", """
            update customer set owner_status = 'UNRESOLVED', owner_reason = :reason, version = version + 1
            where owner_status = 'PENDING' and owner_text = :text""");

    OwnerMigration(JdbcClient jdbc, PeopleDirectory people, TransactionTemplate tx) {
        super(people, tx, "customer", jdbc, CUSTOMER_OWNERS);
    }

    /** An admin asks to try the unmatched owners again. */
    public int retryUnresolved() {
        jdbc.sql("update customer set owner_status = 'PENDING' where owner_status = 'UNRESOLVED'").update();
        return run();
    }
}
