package io.inetpublish.release.approval;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.inetpublish.common.crypto.SecretCipher;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.outbox.Outbox;
import io.inetpublish.common.people.PeopleDirectory;
import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.security.CurrentActor;
import io.inetpublish.common.web.FieldException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The approval policy an ADMIN sets under 集成设置 → 审批 (one row): which customer deployments need approval
 * (to a production environment; of a record with configuration changes) and who may approve (platform roles and/or
 * named people). It also keeps the Feishu app's callback settings (Verification Token, Encrypt Key; sealed), which
 * default to {@code FEISHU_VERIFICATION_TOKEN} / {@code FEISHU_ENCRYPT_KEY} until an admin saves them.
 */
@Service
public class ApprovalPolicies {

    /** Roles that may be approvers (a VIEWER may change nothing, so cannot approve either). */
    public static final List<String> APPROVER_ROLES = List.of("DEVELOPER", "TESTER", "SUPPORT", "ADMIN");

    private static final int MAX_PEOPLE = 50;

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final ObjectProvider<SecretCipher> cipher;
    private final PeopleDirectory people;
    private final Outbox outbox;
    private final CurrentActor currentActor;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final String defaultToken;
    private final String defaultEncryptKey;

    ApprovalPolicies(JdbcTemplate jdbc, JsonMapper json, ObjectProvider<SecretCipher> cipher, PeopleDirectory people,
            Outbox outbox, CurrentActor currentActor, Clock clock, PlatformTransactionManager transactions,
            @Value("${inetpublish.approvals.feishu.verification-token:}") String defaultToken,
            @Value("${inetpublish.approvals.feishu.encrypt-key:}") String defaultEncryptKey) {
        this.jdbc = jdbc;
        this.json = json;
        this.cipher = cipher;
        this.people = people;
        this.outbox = outbox;
        this.currentActor = currentActor;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.defaultToken = defaultToken.isBlank() ? null : defaultToken;
        this.defaultEncryptKey = defaultEncryptKey.isBlank() ? null : defaultEncryptKey;
    }

    /**
     * The policy. {@code verificationToken}/{@code encryptKey} are the ones in force (stored, else the environment's);
     * they are never shown, only whether they are set.
     */
    public record Policy(boolean production, boolean configChange, List<String> approverRoles,
            List<PersonRef> approvers, String verificationToken, String encryptKey, Instant updatedAt,
            PersonRef updatedBy) {

        public boolean any() {
            return production || configChange;
        }

        public List<String> approverIds() {
            return approvers.stream().map(PersonRef::id).toList();
        }
    }

    /** What an admin saves; a null token/key keeps the stored one, an empty one removes it. */
    public record Update(Boolean production, Boolean configChange, List<String> approverRoles,
            List<String> approverIds, String verificationToken, String encryptKey) {
    }

    public Policy get() {
        List<Policy> rows = jdbc.query("""
                select production, config_change, approver_roles, approver_people::text, callback_verification_token,
                       callback_encrypt_key, updated_at, updated_by, updated_by_name
                from approval_policy where id = 1
                """, (rs, n) -> {
            Timestamp at = rs.getTimestamp("updated_at");
            String token = open(rs.getString("callback_verification_token"));
            String key = open(rs.getString("callback_encrypt_key"));
            return new Policy(rs.getBoolean("production"), rs.getBoolean("config_change"),
                    roles(rs.getString("approver_roles")), people(rs.getString(4)),
                    token == null ? defaultToken : token, key == null ? defaultEncryptKey : key,
                    at == null ? null : at.toInstant(),
                    PersonRef.of(rs.getString("updated_by"), rs.getString("updated_by_name")));
        });
        return rows.isEmpty()
                ? new Policy(false, false, List.of(), List.of(), defaultToken, defaultEncryptKey, null, null)
                : rows.get(0);
    }

    public Policy update(Update update) {
        Policy before = get();
        boolean production = update.production() == null ? before.production() : update.production();
        boolean configChange = update.configChange() == null ? before.configChange() : update.configChange();
        List<String> roles = update.approverRoles() == null ? before.approverRoles() : checkedRoles(update.approverRoles());
        List<PersonRef> approvers = update.approverIds() == null ? before.approvers()
                : checkedPeople(update.approverIds(), before.approvers());
        if ((production || configChange) && roles.isEmpty() && approvers.isEmpty()) {
            throw new FieldException("approverRoles", "approval.policy.no-approvers");
        }
        if (update.verificationToken() != null && update.verificationToken().length() > 200) {
            throw new FieldException("verificationToken", "approval.policy.too-long", 200);
        }
        if (update.encryptKey() != null && update.encryptKey().length() > 200) {
            throw new FieldException("encryptKey", "approval.policy.too-long", 200);
        }
        Actor actor = currentActor.get();
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            jdbc.update("insert into approval_policy (id) values (1) on conflict (id) do nothing");
            jdbc.queryForObject("select id from approval_policy where id = 1 for update", Short.class);
            jdbc.update("""
                    update approval_policy set production = ?, config_change = ?, approver_roles = ?,
                        approver_people = cast(? as jsonb), updated_at = ?, updated_by = ?, updated_by_name = ?,
                        version = version + 1
                    where id = 1
                    """, production, configChange, String.join(",", roles), json.writeValueAsString(approvers),
                    Timestamp.from(now), actor.userId(), actor.name());
            if (update.verificationToken() != null) {
                jdbc.update("update approval_policy set callback_verification_token = ? where id = 1",
                        update.verificationToken().isEmpty() ? null : seal(update.verificationToken()));
            }
            if (update.encryptKey() != null) {
                jdbc.update("update approval_policy set callback_encrypt_key = ? where id = 1",
                        update.encryptKey().isEmpty() ? null : seal(update.encryptKey()));
            }
            outbox.publish(EventTypes.INTEGRATION_SETTINGS_CHANGED, actor,
                    AuditEvent.builder(AuditEvent.Kind.INTEGRATION_SETTINGS, Action.INTEGRATION_SETTINGS_CHANGED)
                            .target("approvals", "approvals")
                            .change("approval.production", before.production(), production)
                            .change("approval.configChange", before.configChange(), configChange)
                            .change("approval.roles", String.join(",", before.approverRoles()), String.join(",", roles))
                            .change("approval.people", names(before.approvers()), names(approvers))
                            .fact("verificationTokenChanged", update.verificationToken() == null ? null : "true")
                            .fact("encryptKeyChanged", update.encryptKey() == null ? null : "true")
                            .build());
        });
        return get();
    }

    private static String names(List<PersonRef> people) {
        return String.join(", ", people.stream().map(p -> p.name() == null ? p.id() : p.name()).toList());
    }

    private static List<String> checkedRoles(List<String> roles) {
        Set<String> result = new LinkedHashSet<>();
        for (int i = 0; i < roles.size(); i++) {
            String role = roles.get(i) == null ? "" : roles.get(i).strip();
            if (!APPROVER_ROLES.contains(role)) {
                throw new FieldException("approverRoles[" + i + "]", "approval.policy.role-unknown", role,
                        String.join(", ", APPROVER_ROLES));
            }
            result.add(role);
        }
        return List.copyOf(result);
    }

    /** Each named person must be a platform person (asked with the admin's token); the known ones need no call. */
    private List<PersonRef> checkedPeople(List<String> ids, List<PersonRef> known) {
        if (ids.size() > MAX_PEOPLE) {
            throw new FieldException("approverIds", "approval.policy.too-many", MAX_PEOPLE);
        }
        List<PersonRef> result = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i) == null ? "" : ids.get(i).strip();
            if (!seen.add(id)) {
                continue;
            }
            PeopleDirectory.Person person = people.require("approverIds[" + i + "]", id);
            result.add(new PersonRef(person.id(), person.name()));
        }
        return result;
    }

    private static List<String> roles(String stored) {
        return stored == null || stored.isBlank() ? List.of() : Arrays.stream(stored.split(",")).toList();
    }

    private List<PersonRef> people(String stored) {
        return stored == null ? List.of() : json.readValue(stored, new TypeReference<List<PersonRef>>() {
        });
    }

    private String seal(String plain) {
        return cipher.getObject().seal(plain);
    }

    private String open(String stored) {
        return stored == null ? null : cipher.getObject().open(stored);
    }
}
