package io.inetpublish.release.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import io.inetpublish.common.web.FieldException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Checks evidence before anything is stored: at most {@value #MAX_FILES} files, each non-empty, at most
 * {@code inetpublish.release.evidence.max-file-size} (20 MB; {@code RELEASE_EVIDENCE_MAX_FILE_SIZE}) and of
 * an allowed kind by its content, which must be the kind its name claims (a text file named .png is refused).
 * Reads only the first {@link EvidenceKind#SNIFF_BYTES} bytes of each file.
 */
@Component
class EvidenceInspector {

    static final int MAX_FILES = 10;

    private final long maxFileBytes;

    EvidenceInspector(@Value("${inetpublish.release.evidence.max-file-size}") DataSize maxFileSize) {
        this.maxFileBytes = maxFileSize.toBytes();
    }

    /** A file that passed: its cleaned-up name and recognised kind. */
    record Inspected(String fileName, EvidenceKind kind, long size, EvidenceUpload upload) {
    }

    List<Inspected> inspect(List<EvidenceUpload> uploads) {
        if (uploads.size() > MAX_FILES) {
            throw new FieldException("evidence", "evidence.too-many", MAX_FILES, uploads.size(),
                    fileName(uploads.get(MAX_FILES), MAX_FILES));
        }
        List<Inspected> inspected = new ArrayList<>();
        for (int index = 0; index < uploads.size(); index++) {
            int i = index;
            EvidenceUpload upload = uploads.get(i);
            String name = fileName(upload, i);
            if (upload.size() > maxFileBytes) {
                throw new EvidenceTooLargeException("evidence.too-large", name, megabytes(upload.size()),
                        megabytes(maxFileBytes));
            }
            if (upload.size() == 0) {
                throw new FieldException("evidence[" + i + "]", "evidence.empty", name);
            }
            byte[] head = head(upload);
            EvidenceKind kind = EvidenceKind.sniff(head, head.length)
                    .orElseThrow(() -> new FieldException("evidence[" + i + "]", "evidence.kind", name));
            EvidenceKind claimed = EvidenceKind.claimedBy(name).orElse(kind);
            if (claimed != kind) {
                throw new FieldException("evidence[" + i + "]", "evidence.misnamed", name, claimed.extension(),
                        kind.extension());
            }
            inspected.add(new Inspected(name, kind, upload.size(), upload));
        }
        return inspected;
    }

    private static byte[] head(EvidenceUpload upload) {
        try (InputStream in = upload.content().getInputStream()) {
            return in.readNBytes(EvidenceKind.SNIFF_BYTES);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read uploaded evidence", ex);
        }
    }

    /** The original name without any directory part or control characters; a stand-in when there is none. */
    static String fileName(EvidenceUpload upload, int index) {
        String name = upload.originalName() == null ? "" : upload.originalName();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("\\p{Cntrl}", "").strip();
        if (name.length() > 255) {
            name = name.substring(name.length() - 255);
        }
        return name.isEmpty() ? "evidence-" + (index + 1) : name;
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1024.0 / 1024.0);
    }
}
