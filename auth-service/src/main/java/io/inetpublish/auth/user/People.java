package io.inetpublish.auth.user;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.inetpublish.auth.config.AuthProperties;
import io.inetpublish.auth.feishu.FeishuContactClient;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.text.Like;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.Paging;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The platform's people as other services name them: a person's id is their Feishu open_id, shown by name. Everyone
 * who logged in is here; an admin can add someone who has not logged in yet by e-mail (Feishu's contact API resolves
 * it), and free text written before (an open_id, an e-mail or a name) is matched to a person where unambiguous.
 */
@Service
@RequiredArgsConstructor
@Slf4j
public class People {

    public static final Pattern OPEN_ID = Pattern.compile("ou_[A-Za-z0-9_-]{1,60}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{1,63}");

    private final UserRepository users;
    private final FeishuContactClient contacts;
    private final AuthProperties properties;
    private final Clock clock;
    private final TransactionTemplate tx;

    /** How a piece of free text was matched: the person, or why not. */
    public record Resolution(String value, String id, String name, String reason) {
    }

    @Transactional(readOnly = true)
    public List<PlatformUser> search(String query, int size) {
        return users.search(Like.containing(query), query == null ? "" : query.strip(),
                PageRequest.of(0, Paging.size(size, 50)));
    }

    @Transactional(readOnly = true)
    /**
     * The enabled people who may approve: those with one of {@code roles} (unknown role names are ignored) or whose
     * open_id is listed. A person may not approve while disabled.
     */
    public List<PlatformUser> approvers(List<String> roles, List<String> openIds) {
        List<io.inetpublish.common.security.Role> known = (roles == null ? List.<String>of() : roles).stream()
                .flatMap(r -> java.util.Arrays.stream(io.inetpublish.common.security.Role.values())
                        .filter(v -> v.name().equals(r)))
                .toList();
        List<String> ids = openIds == null ? List.of() : openIds;
        if (known.isEmpty() && ids.isEmpty()) {
            return List.of();
        }
        // an empty IN list is not valid in every database: a value nobody has stands in for "none"
        return users.findEnabledByRoleInOrOpenIdIn(known.isEmpty() ? List.of(io.inetpublish.common.security.Role.VIEWER) : known,
                ids.isEmpty() ? List.of("-") : ids).stream()
                .filter(u -> known.contains(u.getRole()) || ids.contains(u.getOpenId()))
                .toList();
    }

    public Optional<PlatformUser> byOpenId(String openId) {
        return openId == null ? Optional.empty() : users.findByOpenId(openId.strip());
    }

    /**
     * An admin adds a person by e-mail before their first login. Someone already known is answered as they are
     * ({@code created} false). Feishu knowing nobody with the e-mail is a 400 naming {@code email}.
     */
    public Added addByEmail(String rawEmail, Actor admin) {
        String email = rawEmail == null ? "" : rawEmail.strip();
        if (!EMAIL.matcher(email).matches()) {
            throw new FieldException("email", "people.email-invalid");
        }
        List<PlatformUser> known = users.findByEmail(email);
        if (!known.isEmpty()) {
            return new Added(known.get(0), false);
        }
        String openId = contacts.openIdByEmail(email)
                .orElseThrow(() -> new FieldException("email", "people.email-unknown"));
        FeishuContactClient.Person person = contacts.person(openId)
                .orElseThrow(() -> new FieldException("email", "people.out-of-scope"));
        Added added = tx.execute(status -> users.findByOpenId(openId).map(u -> new Added(u, false))
                .orElseGet(() -> new Added(users.save(PlatformUser.notLoggedInYet(openId, person.name(),
                        person.email() == null ? email : person.email(), role(openId, email), clock.instant())),
                        true)));
        if (added.created()) {
            log.info("{} ({}) added {} ({}) by e-mail before their first login", admin.userId(), admin.name(),
                    openId, person.name());
        }
        return added;
    }

    public record Added(PlatformUser user, boolean created) {
    }

    /**
     * Matches free text naming a person: an open_id (known here, or to Feishu's contacts), an e-mail (known here, or
     * to Feishu's contacts) or a name that exactly one person here has. A person found only in Feishu is added.
     */
    public Resolution resolve(String raw) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            return new Resolution(raw, null, null, "空白");
        }
        if (OPEN_ID.matcher(value).matches()) {
            Optional<PlatformUser> known = users.findByOpenId(value);
            if (known.isPresent()) {
                return found(raw, known.get());
            }
            return contacts.person(value).map(p -> found(raw, adopt(p, null)))
                    .orElse(new Resolution(raw, null, null, "飞书通讯录中没有这个 open_id"));
        }
        if (EMAIL.matcher(value).matches()) {
            List<PlatformUser> known = users.findByEmail(value);
            if (known.size() == 1) {
                return found(raw, known.get(0));
            }
            if (known.size() > 1) {
                return new Resolution(raw, null, null, known.size() + " 位用户使用这个邮箱");
            }
            Optional<String> openId = contacts.openIdByEmail(value);
            if (openId.isEmpty()) {
                return new Resolution(raw, null, null, "飞书通讯录中没有使用这个邮箱的人");
            }
            return contacts.person(openId.get()).map(p -> found(raw, adopt(p, value)))
                    .orElse(new Resolution(raw, null, null, "这个人不在应用的通讯录权限范围内"));
        }
        List<PlatformUser> named = users.findByName(value);
        if (named.size() == 1) {
            return found(raw, named.get(0));
        }
        return new Resolution(raw, null, null, named.isEmpty() ? "平台上没有叫这个名字的用户"
                : named.size() + " 位用户同名，无法确定是谁");
    }

    private PlatformUser adopt(FeishuContactClient.Person person, String email) {
        return tx.execute(status -> users.findByOpenId(person.openId()).orElseGet(() -> users.save(
                PlatformUser.notLoggedInYet(person.openId(), person.name(),
                        person.email() == null ? email : person.email(), role(person.openId(), email),
                        clock.instant()))));
    }

    private io.inetpublish.common.security.Role role(String openId, String email) {
        return properties.isConfiguredAdmin(openId, email) ? io.inetpublish.common.security.Role.ADMIN
                : properties.defaultRole();
    }

    private static Resolution found(String raw, PlatformUser user) {
        return new Resolution(raw, user.getOpenId(), user.getName(), null);
    }
}
