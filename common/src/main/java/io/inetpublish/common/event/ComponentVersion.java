package io.inetpublish.common.event;

/** One component at one version, e.g. {@code gateway @ 2.3.1}. */
public record ComponentVersion(String component, String version) {
}
