package io.inetpublish.common.test.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * The tokens every process that checks the platform's access tokens refuses (401), each made from valid claims and
 * the key the process trusts: expired, unsigned ({@code alg: none}), HMAC-signed with the public key, issued by
 * someone else, meant for another audience, signed with an unknown key, and a valid one whose payload was changed
 * afterwards. The one list for auth-service, the services (through common) and the gateway. Only Nimbus, like
 * {@link TestJwts}.
 */
public final class ForgedTokens {

    /** A token that must be refused, and why (the test's name). */
    public record Forged(String why, String token) {

        @Override
        public String toString() {
            return why;
        }
    }

    private ForgedTokens() {
    }

    /**
     * @param valid fresh valid claims on each call (what the process would accept signed with {@code trusted})
     * @param trusted the private key the process trusts
     */
    public static List<Forged> from(Supplier<JWTClaimsSet.Builder> valid, ECKey trusted) {
        Instant past = Instant.now().minusSeconds(3600);
        ECKey stranger = TestJwts.newKey();
        return List.of(
                new Forged("expired", TestJwts.sign(valid.get().issueTime(Date.from(past))
                        .notBeforeTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(900))).build(),
                        trusted)),
                new Forged("unsigned", new PlainJWT(valid.get().build()).serialize()),
                new Forged("HMAC-signed with the public key", hmacWithPublicKey(valid.get().build(), trusted)),
                new Forged("issued by someone else",
                        TestJwts.sign(valid.get().issuer("https://evil.example").build(), trusted)),
                new Forged("meant for another audience",
                        TestJwts.sign(valid.get().audience("another-app").build(), trusted)),
                new Forged("signed with an unknown key", TestJwts.sign(valid.get().build(), stranger)),
                new Forged("payload changed after signing", tampered(TestJwts.sign(valid.get().build(), trusted))));
    }

    private static String hmacWithPublicKey(JWTClaimsSet claims, ECKey trusted) {
        try {
            ECKey published = trusted.toPublicJWK();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(published.getKeyID())
                    .build(), claims);
            jwt.sign(new MACSigner(published.toECPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The same signature over a payload that now names another person. */
    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        String signed = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String payload = signed.replace("\"sub\":\"", "\"sub\":\"ou_forged_");
        if (payload.equals(signed)) {
            throw new IllegalStateException("no subject to change in " + signed);
        }
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }
}
