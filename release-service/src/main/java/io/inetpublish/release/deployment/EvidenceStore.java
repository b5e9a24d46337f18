package io.inetpublish.release.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evidence bytes in PostgreSQL ({@code deployment_evidence.content}, bytea stored EXTERNAL) without ever holding a
 * whole file in memory: the upload stream is handed to the driver with its length, which copies it to the socket in
 * small buffers; a download reads the value back in {@value #CHUNK}-byte slices.
 */
@Component
@RequiredArgsConstructor
public class EvidenceStore {

    static final int CHUNK = 256 * 1024;

    private final JdbcTemplate jdbc;

    /** Streams one checked file into the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    EvidenceFile store(UUID deploymentId, int position, EvidenceInspector.Inspected file, Instant at) {
        UUID id = UUID.randomUUID();
        MessageDigest sha256 = sha256();
        try (InputStream in = new DigestInputStream(file.upload().content().getInputStream(), sha256)) {
            jdbc.update(connection -> {
                PreparedStatement insert = connection.prepareStatement("""
                        insert into deployment_evidence
                            (id, deployment_id, position, file_name, kind, content_type, size_bytes, content, uploaded_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """);
                insert.setObject(1, id);
                insert.setObject(2, deploymentId);
                insert.setInt(3, position);
                insert.setString(4, file.fileName());
                insert.setString(5, file.kind().name());
                insert.setString(6, file.kind().contentType());
                insert.setLong(7, file.size());
                insert.setBinaryStream(8, in, file.size());
                insert.setTimestamp(9, Timestamp.from(at));
                return insert;
            });
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read uploaded evidence " + file.fileName(), ex);
        }
        String hash = HexFormat.of().formatHex(sha256.digest());
        jdbc.update("update deployment_evidence set sha256 = ? where id = ?", hash, id);
        return new EvidenceFile(id, deploymentId, file.fileName(), file.kind(), file.kind().contentType(), file.size(),
                hash, at);
    }

    public List<EvidenceFile> listFor(List<UUID> deploymentIds) {
        if (deploymentIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                select id, deployment_id, file_name, kind, content_type, size_bytes, sha256, uploaded_at
                from deployment_evidence where deployment_id = any (?) order by deployment_id, position
                """, (rs, i) -> file(rs), (Object) deploymentIds.toArray(UUID[]::new));
    }

    public Optional<EvidenceFile> find(UUID deploymentId, UUID evidenceId) {
        return jdbc.query("""
                select id, deployment_id, file_name, kind, content_type, size_bytes, sha256, uploaded_at
                from deployment_evidence where id = ? and deployment_id = ?
                """, (rs, i) -> file(rs), evidenceId, deploymentId).stream().findFirst();
    }

    /** Copies a file's bytes to {@code out} slice by slice. */
    public void copy(EvidenceFile file, OutputStream out) throws IOException {
        for (long offset = 0; offset < file.size(); offset += CHUNK) {
            byte[] slice = jdbc.queryForObject(
                    "select substring(content from cast(? as integer) for cast(? as integer)) from deployment_evidence"
                            + " where id = ?", byte[].class, offset + 1, CHUNK, file.id());
            out.write(slice);
        }
        out.flush();
    }

    private static EvidenceFile file(ResultSet rs) throws SQLException {
        return new EvidenceFile(rs.getObject("id", UUID.class), rs.getObject("deployment_id", UUID.class),
                rs.getString("file_name"), EvidenceKind.valueOf(rs.getString("kind")), rs.getString("content_type"),
                rs.getLong("size_bytes"), rs.getString("sha256"), rs.getTimestamp("uploaded_at").toInstant());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
