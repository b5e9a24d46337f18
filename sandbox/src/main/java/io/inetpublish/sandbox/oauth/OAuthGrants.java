package io.inetpublish.sandbox.oauth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the sandbox's Feishu remembers about logins: authorization codes (5 minutes, single use, bound to the app,
 * the redirect_uri and the PKCE challenge) and the user access tokens it handed out (2 hours).
 */
@Component
class OAuthGrants {

    private static final SecureRandom RANDOM = new SecureRandom();

    record Code(String appId, String redirectUri, String codeChallenge, String challengeMethod, String openId,
            String scope, Instant expiresAt) {
    }

    record UserToken(String openId, Instant expiresAt) {
    }

    enum CodeState { VALID, UNKNOWN, USED, EXPIRED }

    record Redemption(CodeState state, Code code) {
    }

    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Instant> usedCodes = new ConcurrentHashMap<>();
    private final Map<String, UserToken> tokens = new ConcurrentHashMap<>();
    private final Duration codeLifetime;
    private final Duration tokenLifetime;
    private final Clock clock;

    OAuthGrants(@Value("${sandbox.feishu.oauth.code-lifetime:5m}") Duration codeLifetime,
            @Value("${sandbox.feishu.oauth.token-lifetime:2h}") Duration tokenLifetime) {
        this.codeLifetime = codeLifetime;
        this.tokenLifetime = tokenLifetime;
        this.clock = Clock.systemUTC();
    }

    String issueCode(String appId, String redirectUri, String codeChallenge, String challengeMethod, String openId,
            String scope) {
        String code = random(48); // 64 characters: Feishu tells clients to allow at least that
        codes.put(code, new Code(appId, redirectUri, codeChallenge, challengeMethod, openId, scope,
                clock.instant().plus(codeLifetime)));
        return code;
    }

    /** Looks a code up; a code is consumed by the first redemption attempt that gets past the client checks. */
    Redemption find(String code) {
        if (usedCodes.containsKey(code)) {
            return new Redemption(CodeState.USED, null);
        }
        Code found = codes.get(code);
        if (found == null) {
            return new Redemption(CodeState.UNKNOWN, null);
        }
        if (!clock.instant().isBefore(found.expiresAt())) {
            return new Redemption(CodeState.EXPIRED, found);
        }
        return new Redemption(CodeState.VALID, found);
    }

    /** Marks the code used; false when another request used it first. */
    boolean consume(String code) {
        if (codes.remove(code) == null) {
            return false;
        }
        usedCodes.put(code, clock.instant());
        return true;
    }

    String issueToken(String openId) {
        String token = "u-" + random(36);
        tokens.put(token, new UserToken(openId, clock.instant().plus(tokenLifetime)));
        return token;
    }

    long tokenLifetimeSeconds() {
        return tokenLifetime.toSeconds();
    }

    Optional<UserToken> token(String token) {
        UserToken found = tokens.get(token);
        return found != null && clock.instant().isBefore(found.expiresAt()) ? Optional.of(found) : Optional.empty();
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
