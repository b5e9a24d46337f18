package io.inetpublish.build.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Where the platform keeps the files of a package (a bundle), so downloads never depend on Jenkins still having the
 * build. One interface, chosen by configuration ({@code inetpublish.bundles.store}): {@link DirectoryBundleStore}
 * (the local run's default) or {@link LargeObjectBundleStore} (PostgreSQL large objects in build-service's database).
 *
 * <p>Writing is two-phase: {@link #stage} streams the bytes to a place nobody reads from while hashing them, the
 * caller checks the digests, then {@link #publish} makes them readable under the key in one atomic step (or
 * {@link #discard} throws them away). A half-written or unverified file is never served. Nothing here holds a whole
 * file in memory.
 */
public interface BundleStore {

    /** The configuration name of this store ({@code directory}, {@code postgres}); recorded with each bundle. */
    String name();

    /** Copies {@code in} to a staging place while computing SHA-256 and MD5; reports progress as it goes. */
    Staged stage(String key, InputStream in, Digests.Progress progress) throws IOException;

    /** Reads the staged bytes back and returns their SHA-256 (the check that what was written is what was received). */
    String stagedSha256(Staged staged) throws IOException;

    /** Makes a staged copy readable under its key, atomically, replacing an earlier copy of the same key. */
    void publish(Staged staged) throws IOException;

    /** Throws a staged copy away (never fails). */
    void discard(Staged staged);

    /** Opens a published file; {@link java.nio.file.NoSuchFileException} when the key holds none. */
    InputStream open(String key) throws IOException;

    /** Removes a published file; nothing happens when there is none. */
    void delete(String key) throws IOException;

    /**
     * Removes what a crash left behind: staged copies older than {@code stagedBefore} that were never published or
     * discarded, and published files older than {@code publishedBefore} whose key {@code keep} rejects (a bundle that
     * was marked removed or failed while its files could not be deleted). One that cannot be removed stays for the
     * next run.
     */
    Swept sweep(Instant stagedBefore, Instant publishedBefore, Predicate<String> keep) throws IOException;

    /** What a sweep removed: staged copies and published files. */
    record Swept(int staged, int published) {
    }

    /** A copy written but not yet readable: its key, where it is staged, and what was received. */
    record Staged(String key, String stagingRef, Digests.Result digests) {
    }
}
