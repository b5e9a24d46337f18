package io.inetpublish.build.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import javax.sql.DataSource;

import lombok.extern.slf4j.Slf4j;

/**
 * Bundles as PostgreSQL large objects in build-service's own database (so {@code ./inetpublish backup}'s
 * {@code pg_dump} includes them). Written through the server-side functions {@code lo_create}, {@code lo_open},
 * {@code lowrite}, {@code loread}, {@code lo_unlink} in chunks of {@link Digests#CHUNK}: a large object is streamed,
 * never read whole.
 *
 * <p>Staging writes a new large object in its own transaction; nobody can find it until {@link #publish} inserts the
 * {@code bundle_blob} row naming it (atomic: the row and the removal of an earlier object commit together); a staged
 * object is listed in {@code bundle_staging} until then, so one a crash left behind is found by {@link #sweep}. A read
 * holds one database connection and a read-only transaction for as long as the download lasts.
 */
@Slf4j
public class LargeObjectBundleStore implements BundleStore {

    /** The storage key a tracking row gets for an object found neither staged nor published ({@link #sweep}). */
    static final String UNTRACKED = "(found untracked)";

    private static final int INV_WRITE = 0x20000;
    private static final int INV_READ = 0x40000;

    private final DataSource dataSource;

    public LargeObjectBundleStore(DataSource dataSource) {
        this.dataSource = dataSource;
        log.info("Bundles are kept as PostgreSQL large objects in build-service's database");
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public Staged stage(String key, InputStream in, Digests.Progress progress) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long oid = single(c, "select lo_create(0)");
                // known as staged from the same commit on: a copy cut off before publishing is found by the sweep
                try (PreparedStatement track = c.prepareStatement(
                        "insert into bundle_staging (oid, storage_key, staged_at) values (?::oid, ?, ?)")) {
                    track.setLong(1, oid);
                    track.setString(2, key);
                    track.setTimestamp(3, Timestamp.from(Instant.now()));
                    track.executeUpdate();
                }
                int fd = (int) single(c, "select lo_open(?::oid, " + INV_WRITE + ")", oid);
                Digests.Result result;
                try (PreparedStatement write = c.prepareStatement("select lowrite(?, ?)")) {
                    OutputStream out = new OutputStream() {
                        @Override
                        public void write(int b) throws IOException {
                            write(new byte[] {(byte) b}, 0, 1);
                        }

                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            try {
                                write.setInt(1, fd);
                                write.setBytes(2, off == 0 && len == b.length ? b : java.util.Arrays.copyOfRange(b, off, off + len));
                                write.executeQuery().close();
                            } catch (SQLException ex) {
                                throw new IOException("writing the large object failed: " + ex.getMessage(), ex);
                            }
                        }
                    };
                    result = Digests.copy(in, out, progress);
                }
                single(c, "select lo_close(?)", fd);
                c.commit();
                return new Staged(key, Long.toString(oid), result);
            } catch (IOException | SQLException | RuntimeException ex) {
                c.rollback(); // the large object was created in this transaction: it goes with it
                throw ex;
            }
        } catch (SQLException ex) {
            throw new IOException("staging a bundle in PostgreSQL failed: " + ex.getMessage(), ex);
        }
    }

    @Override
    public String stagedSha256(Staged staged) throws IOException {
        try (InputStream in = read(Long.parseLong(staged.stagingRef()))) {
            return Digests.sha256Of(in);
        }
    }

    @Override
    public void publish(Staged staged) throws IOException {
        long oid = Long.parseLong(staged.stagingRef());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Long previous = null;
                try (PreparedStatement old = c.prepareStatement(
                        "select oid from bundle_blob where storage_key = ? for update")) {
                    old.setString(1, staged.key());
                    try (ResultSet rs = old.executeQuery()) {
                        if (rs.next()) {
                            previous = rs.getLong(1);
                        }
                    }
                }
                try (PreparedStatement put = c.prepareStatement("""
                        insert into bundle_blob (storage_key, oid, size_bytes, created_at) values (?, ?, ?, ?)
                        on conflict (storage_key) do update set oid = excluded.oid, size_bytes = excluded.size_bytes,
                            created_at = excluded.created_at""")) {
                    put.setString(1, staged.key());
                    put.setLong(2, oid);
                    put.setLong(3, staged.digests().size());
                    put.setTimestamp(4, Timestamp.from(Instant.now()));
                    put.executeUpdate();
                }
                if (previous != null && previous != oid) {
                    single(c, "select lo_unlink(?::oid)", previous);
                }
                untrack(c, oid);
                c.commit();
            } catch (SQLException | RuntimeException ex) {
                c.rollback();
                throw ex;
            }
        } catch (SQLException ex) {
            throw new IOException("publishing a bundle in PostgreSQL failed: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void discard(Staged staged) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long oid = Long.parseLong(staged.stagingRef());
            untrack(c, oid);
            single(c, "select lo_unlink(?::oid)", oid);
            c.commit();
        } catch (SQLException | RuntimeException ex) {
            log.warn("Could not remove the staged large object {}: {}", staged.stagingRef(), ex.getMessage());
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        Long oid;
        try (Connection c = dataSource.getConnection();
                PreparedStatement find = c.prepareStatement("select oid from bundle_blob where storage_key = ?")) {
            find.setString(1, key);
            try (ResultSet rs = find.executeQuery()) {
                oid = rs.next() ? rs.getLong(1) : null;
            }
        } catch (SQLException ex) {
            throw new IOException("reading a bundle from PostgreSQL failed: " + ex.getMessage(), ex);
        }
        if (oid == null) {
            throw new NoSuchFileException(key);
        }
        return read(oid);
    }

    @Override
    public void delete(String key) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement(
                    "delete from bundle_blob where storage_key = ? returning oid")) {
                del.setString(1, key);
                try (ResultSet rs = del.executeQuery()) {
                    if (rs.next()) {
                        single(c, "select lo_unlink(?::oid)", rs.getLong(1));
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException ex) {
                c.rollback();
                throw ex;
            }
        } catch (SQLException ex) {
            throw new IOException("removing a bundle from PostgreSQL failed: " + ex.getMessage(), ex);
        }
    }

    /**
     * Removes staged objects older than {@code stagedBefore} that were never published or discarded, and published
     * objects older than {@code publishedBefore} whose key {@code keep} rejects. An object neither staged nor published
     * (left by a crash before staged objects were tracked — or being copied right now by an instance of a version that
     * does not track its copies, during a rolling upgrade) is not removed when it is found: it is tracked from then on,
     * as staged at that moment ({@value #UNTRACKED}), and goes with the stale staged ones once it is that old and still
     * unpublished. A copy the other instance publishes meanwhile stays; its tracking row goes.
     */
    @Override
    public Swept sweep(Instant stagedBefore, Instant publishedBefore, Predicate<String> keep) throws IOException {
        int staged = 0;
        int published = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            List<Long> stale = new ArrayList<>();
            try (PreparedStatement old = c.prepareStatement("select oid from bundle_staging where staged_at < ?")) {
                old.setTimestamp(1, Timestamp.from(stagedBefore));
                try (ResultSet rs = old.executeQuery()) {
                    while (rs.next()) {
                        stale.add(rs.getLong(1));
                    }
                }
            }
            // one statement, one snapshot: an object is staged (tracked) or published in the transaction creating it
            try (PreparedStatement untracked = c.prepareStatement("""
                    insert into bundle_staging (oid, storage_key, staged_at)
                    select m.oid, ?, now() from pg_largeobject_metadata m
                    where not exists (select 1 from bundle_blob b where b.oid = m.oid)
                      and not exists (select 1 from bundle_staging s where s.oid = m.oid)
                    on conflict (oid) do nothing""")) {
                untracked.setString(1, UNTRACKED);
                int adopted = untracked.executeUpdate();
                if (adopted > 0) {
                    log.info("Bundle store: {} large objects neither staged nor published are tracked from now on "
                            + "(removed after a day if still unpublished)", adopted);
                }
            }
            for (long oid : stale) {
                try {
                    c.setAutoCommit(false);
                    untrack(c, oid);
                    // never one that is published meanwhile
                    single(c, """
                            select count(lo_unlink(m.oid)) from pg_largeobject_metadata m
                            where m.oid = ?::oid and not exists (select 1 from bundle_blob b where b.oid = m.oid)""",
                            oid);
                    c.commit();
                    staged++;
                } catch (SQLException ex) {
                    c.rollback();
                    log.warn("Could not remove the orphaned large object {}: {}", oid, ex.getMessage());
                } finally {
                    c.setAutoCommit(true);
                }
            }
            List<String> keys = new ArrayList<>();
            try (PreparedStatement old = c.prepareStatement(
                    "select storage_key from bundle_blob where created_at < ?")) {
                old.setTimestamp(1, Timestamp.from(publishedBefore));
                try (ResultSet rs = old.executeQuery()) {
                    while (rs.next()) {
                        keys.add(rs.getString(1));
                    }
                }
            }
            for (String key : keys) {
                if (!keep.test(key)) {
                    try {
                        delete(key);
                        published++;
                    } catch (IOException ex) {
                        log.warn("Could not remove the orphaned bundle {}: {}", key, ex.getMessage());
                    }
                }
            }
        } catch (SQLException ex) {
            throw new IOException("sweeping orphaned bundles in PostgreSQL failed: " + ex.getMessage(), ex);
        }
        return new Swept(staged, published);
    }

    private static void untrack(Connection c, long oid) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("delete from bundle_staging where oid = ?::oid")) {
            s.setLong(1, oid);
            s.executeUpdate();
        }
    }

    /** A stream over one large object, holding its connection and transaction until closed. */
    private InputStream read(long oid) throws IOException {
        Connection c;
        int fd;
        try {
            c = dataSource.getConnection();
        } catch (SQLException ex) {
            throw new IOException("no database connection for reading a bundle: " + ex.getMessage(), ex);
        }
        try {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            fd = (int) single(c, "select lo_open(?::oid, " + INV_READ + ")", oid);
        } catch (SQLException ex) {
            close(c);
            throw new NoSuchFileException("large object " + oid + ": " + ex.getMessage());
        }
        try {
            PreparedStatement chunk = c.prepareStatement("select loread(?, " + Digests.CHUNK + ")");
            return new InputStream() {
                private byte[] buffer = new byte[0];
                private int pos;
                private boolean end;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (pos >= buffer.length) {
                        if (end) {
                            return -1;
                        }
                        try {
                            chunk.setInt(1, fd);
                            try (ResultSet rs = chunk.executeQuery()) {
                                rs.next();
                                buffer = rs.getBytes(1);
                            }
                        } catch (SQLException ex) {
                            throw new IOException("reading the large object failed: " + ex.getMessage(), ex);
                        }
                        pos = 0;
                        if (buffer.length < Digests.CHUNK) {
                            end = true;
                        }
                        if (buffer.length == 0) {
                            return -1;
                        }
                    }
                    int n = Math.min(len, buffer.length - pos);
                    System.arraycopy(buffer, pos, b, off, n);
                    pos += n;
                    return n;
                }

                @Override
                public void close() {
                    try {
                        chunk.close();
                        c.rollback();
                    } catch (SQLException ex) {
                        log.debug("Closing a large-object read: {}", ex.getMessage());
                    }
                    LargeObjectBundleStore.close(c);
                }
            };
        } catch (SQLException ex) {
            close(c);
            throw new IOException("reading a bundle from PostgreSQL failed: " + ex.getMessage(), ex);
        }
    }

    private static long single(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void close(Connection c) {
        try {
            c.setReadOnly(false);
            c.setAutoCommit(true);
            c.close();
        } catch (SQLException ex) {
            log.debug("Closing a connection: {}", ex.getMessage());
        }
    }
}
