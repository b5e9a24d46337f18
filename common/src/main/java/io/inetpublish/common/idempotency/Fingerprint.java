package io.inetpublish.common.idempotency;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.springframework.web.multipart.MultipartFile;

/**
 * SHA-256 over the parts of a request that say what it asks for (method and path, the parsed body, each uploaded
 * file's name and bytes), each part length-prefixed so that no two different requests hash alike by concatenation.
 */
public final class Fingerprint {

    private final MessageDigest sha;

    private Fingerprint() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static Fingerprint of(String method, String path) {
        return new Fingerprint().add(method).add(path);
    }

    public Fingerprint add(String text) {
        return add(text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8), text == null);
    }

    public Fingerprint add(byte[] bytes) {
        return add(bytes, false);
    }

    private Fingerprint add(byte[] bytes, boolean isNull) {
        sha.update(isNull ? (byte) 0 : (byte) 1);
        sha.update(longBytes(bytes.length));
        sha.update(bytes);
        return this;
    }

    /** Adds each uploaded file of a multipart request: its name, then its bytes. */
    public Fingerprint addFiles(List<MultipartFile> files) {
        for (MultipartFile file : files) {
            try (InputStream in = file.getInputStream()) {
                add(file.getOriginalFilename()).add(in);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return this;
    }

    /** Adds a stream's bytes (read to its end, not closed) with its length. */
    public Fingerprint add(InputStream in) {
        MessageDigest part;
        try {
            part = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                part.update(buffer, 0, n);
                total += n;
            }
            sha.update((byte) 2);
            sha.update(longBytes(total));
            sha.update(part.digest());
            return this;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public String hex() {
        return HexFormat.of().formatHex(sha.digest());
    }

    private static byte[] longBytes(long value) {
        byte[] out = new byte[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }
}
