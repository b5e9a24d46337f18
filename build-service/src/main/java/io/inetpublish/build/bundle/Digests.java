package io.inetpublish.build.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/** Streams bytes from one place to another through SHA-256 and MD5 in fixed-size chunks, never the whole file. */
public final class Digests {

    /** Chunk size of every copy (the heap holds this much of a bundle at a time). */
    public static final int CHUNK = 64 * 1024;

    private static final long TICK_NANOS = Duration.ofSeconds(10).toNanos();

    private Digests() {
    }

    /** Called every ~10 seconds of a long copy (lease and heartbeat renewals). */
    @FunctionalInterface
    public interface Progress {
        void tick(long bytesSoFar);

        Progress NONE = bytes -> {
        };
    }

    public record Result(long size, String sha256, String md5) {
    }

    /** Copies {@code in} to {@code out} (not closing either) and returns size and digests of what passed. */
    public static Result copy(InputStream in, OutputStream out, Progress progress) throws IOException {
        MessageDigest sha = sha256();
        MessageDigest md5 = md5();
        byte[] buffer = new byte[CHUNK];
        long size = 0;
        long lastTick = System.nanoTime();
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (n == 0) {
                continue;
            }
            sha.update(buffer, 0, n);
            md5.update(buffer, 0, n);
            out.write(buffer, 0, n);
            size += n;
            if (System.nanoTime() - lastTick > TICK_NANOS) {
                progress.tick(size);
                lastTick = System.nanoTime();
            }
        }
        return new Result(size, HexFormat.of().formatHex(sha.digest()), HexFormat.of().formatHex(md5.digest()));
    }

    /** Copies {@code in} to {@code out} in chunks without hashing (a download of a stored, checked file). */
    public static long pipe(InputStream in, OutputStream out, Progress progress) throws IOException {
        byte[] buffer = new byte[CHUNK];
        long size = 0;
        long lastTick = System.nanoTime();
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            size += n;
            if (System.nanoTime() - lastTick > TICK_NANOS) {
                progress.tick(size);
                lastTick = System.nanoTime();
            }
        }
        return size;
    }

    /** SHA-256 of a stream, read to its end. */
    public static String sha256Of(InputStream in) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[CHUNK];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            sha.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
