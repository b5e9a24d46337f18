package io.inetpublish.build.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.inetpublish.build.BuildServiceIntegrationTest;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Both bundle stores behind the one interface: staged bytes are unreadable until published, the digests are those of
 * the bytes, a discarded copy leaves nothing, a published one reads back whole (in chunks, across the chunk size), a
 * second publish of the key replaces the first, delete removes it.
 */
@BuildServiceIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BundleStoresIT {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    static Path dir;

    Stream<BundleStore> stores() throws IOException {
        return Stream.of(new DirectoryBundleStore(dir.resolve("store-" + UUID.randomUUID())),
                new LargeObjectBundleStore(dataSource));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void stagesChecksPublishesReadsReplacesAndDeletes(BundleStore store) throws Exception {
        String key = UUID.randomUUID() + "/0";
        byte[] content = new byte[Digests.CHUNK * 3 + 123];
        new Random(7).nextBytes(content);

        BundleStore.Staged staged = store.stage(key, new ByteArrayInputStream(content), Digests.Progress.NONE);
        assertThat(staged.digests().size()).isEqualTo(content.length);
        assertThat(staged.digests().sha256()).isEqualTo(hex("SHA-256", content));
        assertThat(staged.digests().md5()).isEqualTo(hex("MD5", content));
        assertThat(store.stagedSha256(staged)).isEqualTo(hex("SHA-256", content));
        assertThatThrownBy(() -> store.open(key)).as("nothing is readable before publishing")
                .isInstanceOf(NoSuchFileException.class);

        store.publish(staged);
        assertThat(read(store, key)).isEqualTo(content);

        byte[] second = "a newer copy".getBytes();
        BundleStore.Staged again = store.stage(key, new ByteArrayInputStream(second), Digests.Progress.NONE);
        BundleStore.Staged dropped = store.stage(key, new ByteArrayInputStream(content), Digests.Progress.NONE);
        store.discard(dropped);
        store.publish(again);
        assertThat(read(store, key)).isEqualTo(second);

        store.delete(key);
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(NoSuchFileException.class);
        store.delete(key); // twice is harmless

        if (store instanceof DirectoryBundleStore directory) {
            try (var left = Files.list(directory.root().resolve(".staging"))) {
                assertThat(left).as("no staged file is left behind").isEmpty();
            }
        } else {
            assertThat(jdbc.queryForObject("select count(*) from bundle_blob where storage_key = ?", Long.class, key))
                    .isZero();
            assertThat(jdbc.queryForObject("select count(*) from pg_largeobject_metadata where oid = ?::oid",
                    Long.class, Long.parseLong(dropped.stagingRef()))).as("a discarded large object is gone").isZero();
            assertThat(jdbc.queryForObject("select count(*) from pg_largeobject_metadata where oid = ?::oid",
                    Long.class, Long.parseLong(staged.stagingRef()))).as("the replaced large object is gone").isZero();
        }
    }

    /**
     * What a crash leaves behind goes a day later: a copy staged and never published (the process died before the
     * checks), and the files of a bundle its build no longer keeps (marked removed, the deletion failed). A copy
     * staged a moment ago and the files of a kept bundle stay.
     */
    @ParameterizedTest
    @MethodSource("stores")
    void aSweepRemovesWhatACrashLeftBehindAndNothingElse(BundleStore store) throws Exception {
        byte[] content = "a bundle".getBytes();
        String keptKey = UUID.randomUUID() + "/0";
        String orphanKey = UUID.randomUUID() + "/0";
        store.publish(store.stage(keptKey, new ByteArrayInputStream(content), Digests.Progress.NONE));
        store.publish(store.stage(orphanKey, new ByteArrayInputStream(content), Digests.Progress.NONE));
        BundleStore.Staged abandoned = store.stage(UUID.randomUUID() + "/0", new ByteArrayInputStream(content),
                Digests.Progress.NONE);
        Instant now = Instant.now();

        // nothing is old enough yet: nothing goes, whatever keep says
        BundleStore.Swept early = store.sweep(now.minusSeconds(3600), now.minusSeconds(3600), key -> false);
        assertThat(early.published()).isZero();
        assertThat(read(store, keptKey)).isEqualTo(content);
        assertThat(stagedExists(store, abandoned)).isTrue();

        // a day later
        Instant later = now.plus(java.time.Duration.ofDays(1));
        BundleStore.Swept swept = store.sweep(later, later, key -> !key.equals(orphanKey));
        assertThat(swept.staged()).isGreaterThanOrEqualTo(1);
        assertThat(swept.published()).isGreaterThanOrEqualTo(1);
        assertThat(stagedExists(store, abandoned)).as("the abandoned staged copy is gone").isFalse();
        assertThatThrownBy(() -> store.open(orphanKey)).isInstanceOf(NoSuchFileException.class);
        assertThat(read(store, keptKey)).as("a kept bundle stays").isEqualTo(content);
        store.delete(keptKey);
    }

    /**
     * A rolling upgrade: an instance of a version that does not track its staged copies is copying a bundle (a large
     * object neither staged nor published). A sweep of a newer instance does not remove it when it finds it; it tracks
     * it from then on. Published meanwhile, it stays; left unpublished for a day after it was found, it goes.
     */
    @org.junit.jupiter.api.Test
    void anUntrackedCopyOfAnOlderInstanceIsNotRemovedWhenFoundButADayLater() throws Exception {
        LargeObjectBundleStore store = new LargeObjectBundleStore(dataSource);
        long copying = jdbc.queryForObject("select lo_from_bytea(0, 'a copy under way'::bytea)::bigint", Long.class);
        long published = jdbc.queryForObject("select lo_from_bytea(0, 'a copy soon published'::bytea)::bigint",
                Long.class);
        Instant now = Instant.now();

        // found by the hourly sweep (staged copies and files a day old): it leaves both alone
        store.sweep(now.minus(java.time.Duration.ofDays(1)), now.minus(java.time.Duration.ofDays(1)), key -> true);
        assertThat(largeObjectExists(copying)).as("an older instance's copy under way stays").isTrue();
        assertThat(largeObjectExists(published)).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from bundle_staging where oid in (?::oid, ?::oid)", Long.class,
                copying, published)).as("tracked from now on").isEqualTo(2);

        // the older instance publishes one of them (it writes bundle_blob only)
        String key = UUID.randomUUID() + "/0";
        jdbc.update("insert into bundle_blob (storage_key, oid, size_bytes, created_at) values (?, ?::oid, 21, now())",
                key, published);

        // a day later: the one left unpublished goes, the published one stays and is no longer tracked
        Instant later = now.plus(java.time.Duration.ofDays(1)).plusSeconds(60);
        store.sweep(later, now.minus(java.time.Duration.ofDays(1)), k -> true);
        assertThat(largeObjectExists(copying)).as("unpublished a day after it was found").isFalse();
        assertThat(largeObjectExists(published)).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from bundle_staging where oid in (?::oid, ?::oid)", Long.class,
                copying, published)).isZero();
        store.delete(key);
        assertThat(largeObjectExists(published)).isFalse();
    }

    private boolean largeObjectExists(long oid) {
        return jdbc.queryForObject("select count(*) from pg_largeobject_metadata where oid = ?::oid", Long.class,
                oid) == 1;
    }

    private boolean stagedExists(BundleStore store, BundleStore.Staged staged) {
        if (store instanceof DirectoryBundleStore directory) {
            return Files.exists(directory.root().resolve(".staging").resolve(staged.stagingRef()));
        }
        return jdbc.queryForObject("select count(*) from pg_largeobject_metadata where oid = ?::oid", Long.class,
                Long.parseLong(staged.stagingRef())) == 1
                && jdbc.queryForObject("select count(*) from bundle_staging where oid = ?::oid", Long.class,
                        Long.parseLong(staged.stagingRef())) == 1;
    }

    @ParameterizedTest
    @MethodSource("stores")
    void refusesKeysThatAreNotThePlatforms(BundleStore store) {
        if (store instanceof DirectoryBundleStore) {
            assertThatThrownBy(() -> store.open("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        } else {
            assertThatThrownBy(() -> store.open("no-such-key")).isInstanceOf(NoSuchFileException.class);
        }
    }

    private static byte[] read(BundleStore store, String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        }
    }

    private static String hex(String algorithm, byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    }
}
