package io.inetpublish.release.deployment;

import java.time.Instant;
import java.util.UUID;

/** What is known about a stored evidence file, without its bytes. */
public record EvidenceFile(UUID id, UUID deploymentId, String fileName, EvidenceKind kind, String contentType,
        long size, String sha256, Instant uploadedAt) {
}
