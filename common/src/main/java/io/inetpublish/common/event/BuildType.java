package io.inetpublish.common.event;

/**
 * What a Jenkins build does for a release record. The names are the values on the wire ({@code build.started},
 * {@code build.finished}) and in build-service's table; they never change (docs/events.md, "Results").
 * <p>
 * {@link #TEST_DEPLOY} is the <em>build type</em> whose run is a <em>test deployment</em>: everywhere else the
 * concept is spelled {@code TEST_DEPLOYMENT} (the sync source, the timeline, the notification kind); this one value
 * keeps its historical spelling because services of two versions read it during a rolling update.
 */
public enum BuildType {
    /** Deploys the record's versions to an internal test environment (a test deployment). */
    TEST_DEPLOY,
    /** Packages the record's versions (or, without a record, an upgrade plan's delta bundle). */
    PACKAGE
}
