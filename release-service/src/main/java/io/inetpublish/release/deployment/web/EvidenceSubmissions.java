package io.inetpublish.release.deployment.web;

import java.util.List;
import java.util.function.Function;

import io.inetpublish.common.idempotency.Fingerprint;
import io.inetpublish.common.idempotency.IdempotentRequests;
import io.inetpublish.release.deployment.EvidenceUpload;
import lombok.RequiredArgsConstructor;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * A deployment submitted with its evidence files, as the endpoints that record one take it (a customer deployment,
 * a plan deployment): the files handed over as {@link EvidenceUpload}s, and with an {@code Idempotency-Key} header the
 * same submission - path, JSON part and files - recorded once: the repeat answers the first result, the same key with
 * other content is refused (409).
 */
@Component
@RequiredArgsConstructor
public class EvidenceSubmissions {

    /** What the API reference says of such an endpoint's bodies. */
    public static final String BODIES = "Multipart: part deployment (JSON) and one to ten evidence files; "
            + "Idempotency-Key honoured. Plain JSON (no files) is refused for lack of evidence.";

    private final IdempotentRequests idempotent;
    private final JsonMapper json;

    /**
     * Records the submission {@code request} to {@code path} with {@code files} (null: none) once per idempotency
     * key; {@code record} stores it and answers the response.
     */
    public ResponseEntity<?> once(String idempotencyKey, String path, Object request, List<MultipartFile> files,
            Function<List<EvidenceUpload>, ResponseEntity<?>> record) {
        List<MultipartFile> parts = files == null ? List.of() : files;
        List<EvidenceUpload> uploads = parts.stream()
                .map(f -> new EvidenceUpload(f.getOriginalFilename(), f.getSize(), f)).toList();
        String fingerprint = idempotencyKey == null ? null
                : Fingerprint.of("POST", path).add(json.writeValueAsString(request)).addFiles(parts).hex();
        return idempotent.once(idempotencyKey, fingerprint, () -> record.apply(uploads));
    }
}
