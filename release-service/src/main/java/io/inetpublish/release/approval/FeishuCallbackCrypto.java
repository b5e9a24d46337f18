package io.inetpublish.release.approval;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cryptography of Feishu's callbacks to a developer server (docs/feishu-card-callback.md §2, §3):
 * <ul>
 * <li>signature: {@code X-Lark-Signature} = lowercase hex of SHA-256 over the UTF-8 bytes of
 * {@code X-Lark-Request-Timestamp + X-Lark-Request-Nonce + encrypt key} followed by the raw request body;</li>
 * <li>encrypted body {@code {"encrypt": "<base64>"}}: AES-256-CBC with PKCS#7 padding, the key is SHA-256 of the
 * encrypt key, the first 16 bytes of the decoded value are the IV, the rest the cipher text.</li>
 * </ul>
 */
public final class FeishuCallbackCrypto {

    private FeishuCallbackCrypto() {
    }

    public static String signature(String timestamp, String nonce, String encryptKey, byte[] body) {
        MessageDigest sha256 = sha256();
        sha256.update((timestamp + nonce + encryptKey).getBytes(StandardCharsets.UTF_8));
        sha256.update(body);
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Compares a received signature with the expected one in constant time. */
    public static boolean signatureMatches(String expected, String received) {
        return received != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                received.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    /** Compares two secrets (the verification token) in constant time; null never matches. */
    public static boolean same(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Decrypts an {@code encrypt} value; an {@link IllegalArgumentException} when it is not one for this key. */
    public static String decrypt(String encrypt, String encryptKey) {
        try {
            byte[] data = Base64.getDecoder().decode(encrypt.strip());
            if (data.length < 32 || data.length % 16 != 0) {
                throw new IllegalArgumentException("not an AES-256-CBC value (" + data.length + " bytes)");
            }
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key(encryptKey), "AES"),
                    new IvParameterSpec(Arrays.copyOfRange(data, 0, 16)));
            return new String(cipher.doFinal(data, 16, data.length - 16), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException ex) {
            throw new IllegalArgumentException("cannot decrypt: " + ex.getMessage(), ex);
        }
    }

    /** Encrypts as Feishu does (a random IV first); used by tests to play Feishu. */
    public static String encrypt(String plain, String encryptKey) {
        try {
            byte[] iv = new byte[16];
            new SecureRandom().nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key(encryptKey), "AES"), new IvParameterSpec(iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[16 + sealed.length];
            System.arraycopy(iv, 0, out, 0, 16);
            System.arraycopy(sealed, 0, out, 16, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] key(String encryptKey) {
        return sha256().digest(encryptKey.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
