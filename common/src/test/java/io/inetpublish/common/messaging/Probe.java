package io.inetpublish.common.messaging;

/**
 * The test payload. {@code mode}: {@code ok}; {@code transient:N} (the first N attempts fail after writing their
 * effect); {@code broken} (fails until the test marks the name fixed); {@code reject} (a permanent rejection).
 */
record Probe(String name, String mode) {
}
