package io.inetpublish.release.deployment;

import org.springframework.core.io.InputStreamSource;

/**
 * One uploaded evidence file as the web layer hands it over: its original name, its size and a way to read it (the
 * multipart part, which the container keeps on disk).
 */
public record EvidenceUpload(String originalName, long size, InputStreamSource content) {
}
