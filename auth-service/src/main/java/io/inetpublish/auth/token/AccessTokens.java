package io.inetpublish.auth.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.inetpublish.auth.config.AuthProperties;
import io.inetpublish.auth.user.PlatformUser;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/**
 * Issues the platform's access token: a JWT signed with the current ES256 key, carrying {@code kid}, {@code iss},
 * {@code aud}, a 15-minute lifetime, {@code sub} = the user's Feishu open_id, {@code name}, {@code roles} and
 * {@code sid} (the login session = refresh-token family).
 */
@Component
@RequiredArgsConstructor
public class AccessTokens {

    private final SigningKeys keys;
    private final AuthProperties properties;
    private final Clock clock;

    public record AccessToken(String value, Instant expiresAt) {
    }

    /**
     * An integration's access token (exchanged for an integration token): {@code sub = integration:<client_id>},
     * {@code name} = the token's name, no {@code roles}, the granted {@code scope} (space separated) and
     * {@code sid} = the integration token's id, so revoking it puts this token on the revocation list.
     */
    public AccessToken issueIntegration(String clientId, String name, List<String> scopes, UUID tokenId,
            java.time.Duration ttl) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        return sign(new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .audience(properties.audience())
                .subject("integration:" + clientId)
                .claim("name", name)
                .claim("scope", String.join(" ", scopes))
                .claim("client_id", clientId)
                .claim("sid", tokenId.toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .build(), expiresAt);
    }

    public AccessToken issue(PlatformUser user, UUID sessionId) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.accessTokenTtl());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .audience(properties.audience())
                .subject(user.getOpenId())
                .claim("name", user.getName())
                .claim("roles", List.of(user.getRole().name()))
                .claim("uid", user.getId().toString())
                .claim("sid", sessionId.toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .build();
        return sign(claims, expiresAt);
    }

    private AccessToken sign(JWTClaimsSet claims, Instant expiresAt) {
        ECKey key = keys.current();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(SigningKeys.ALGORITHM).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return new AccessToken(jwt.serialize(), expiresAt);
        } catch (JOSEException ex) {
            throw new IllegalStateException("Cannot sign an access token", ex);
        }
    }
}
