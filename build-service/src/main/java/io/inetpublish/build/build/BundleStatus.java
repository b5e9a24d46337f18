package io.inetpublish.build.build;

/**
 * A build's package in the platform's own storage. {@link #NONE}: no bundle (a test deployment, a failed build, or a
 * package from before the platform kept them — served from Jenkins). {@link #STORING}: Jenkins finished, the copy is
 * under way or being retried. {@link #STORED}: every file copied and checked, downloads come from the platform.
 * {@link #FAILED}: the copy could not be made (checksum mismatch, Jenkins lost the file, retried too long); nothing is
 * downloadable. {@link #EXPIRED}: removed by the retention setting.
 */
public enum BundleStatus {
    NONE, STORING, STORED, FAILED, EXPIRED
}
