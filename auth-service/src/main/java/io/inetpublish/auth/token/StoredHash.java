package io.inetpublish.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What auth-service keeps of a secret it must recognise later (a refresh token, an integration client's secret, a
 * login's state): the SHA-256 of its UTF-8 bytes in lower-case hex, so that a database dump lets nobody use one.
 */
public final class StoredHash {

    private StoredHash() {
    }

    public static String of(String secret) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
