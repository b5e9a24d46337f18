package io.inetpublish.build.build;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.BuildResult;
import io.inetpublish.common.event.BuildType;
import io.inetpublish.common.i18n.Messages;
import io.inetpublish.common.i18n.StoredText;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One Jenkins build the platform triggered and follows to its end. Everything the follower needs lives here, so a
 * restarted service resumes where the previous one stopped.
 */
@Entity
@Table(name = "build")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class Build {

    @Id
    private UUID id;

    /** The release record packaged or deployed; null for a delta bundle (an upgrade plan, see {@link #releases}). */
    @Column(name = "release_id")
    private UUID releaseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private BuildType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private BuildStatus status;

    @Column(name = "requested_by_id", nullable = false)
    private String requestedById;

    @Column(name = "requested_by_name", nullable = false)
    private String requestedByName;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "environment_id")
    private UUID environmentId;

    @Column(name = "environment_name")
    private String environmentName;

    @Column(name = "jenkins_target")
    private String jenkinsTarget;

    @Column(name = "release_number")
    private String releaseNumber;

    @Column(name = "release_title")
    private String releaseTitle;

    @Column(name = "job_path")
    private String jobPath;

    /** The parameters sent to Jenkins, as JSON; used to recognise the build when the trigger's answer was lost. */
    @Column(name = "parameters")
    private String parameters;

    @Column(name = "trigger_sent_at")
    private Instant triggerSentAt;

    @Column(name = "queue_id")
    private Long queueId;

    /** Why Jenkins keeps the item in the queue ("Waiting for next available executor"), while queued. */
    @Column(name = "queue_why")
    private String queueWhy;

    @Column(name = "jenkins_build_number")
    private Integer jenkinsBuildNumber;

    @Column(name = "jenkins_url")
    private String jenkinsUrl;

    /** The configured Jenkins base URL the build was triggered on (null for builds from before it was recorded). */
    @Column(name = "jenkins_base_url")
    private String jenkinsBaseUrl;

    @Enumerated(EnumType.STRING)
    @Column(name = "result")
    private BuildResult result;

    /** Why it ended so (or waits unconfirmed), as it was written before reasons were stored as codes (V35_1). */
    @Column(name = "reason")
    private String reason;

    /** Why it ended so (or waits unconfirmed): a {@link StoredText}, read in the reader's language. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "reason_text", columnDefinition = "jsonb")
    private String reasonText;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "next_poll_at")
    private Instant nextPollAt;

    /** Until when the instance that claimed the build looks at it; null once its look is recorded (V38_1). */
    @Column(name = "follow_lease_until")
    private Instant followLeaseUntil;

    @Column(name = "poll_failures", nullable = false)
    private int pollFailures;

    @Column(name = "last_contact_at")
    private Instant lastContactAt;

    @Column(name = "queue_missing_since")
    private Instant queueMissingSince;

    @ElementCollection(fetch = FetchType.EAGER)
    @BatchSize(size = 100) // a page of builds loads these for all its builds in one query
    @CollectionTable(name = "build_item", joinColumns = @JoinColumn(name = "build_id"))
    @OrderColumn(name = "position")
    private List<BuildItem> items = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @BatchSize(size = 100) // a page of builds loads these for all its builds in one query
    @CollectionTable(name = "build_artifact", joinColumns = @JoinColumn(name = "build_id"))
    @OrderColumn(name = "position")
    private List<BuildArtifact> artifacts = new ArrayList<>();

    /** Where the build's package is in the platform's own storage ({@link BundleStatus}). */
    @Enumerated(EnumType.STRING)
    @Column(name = "bundle_status", nullable = false)
    private BundleStatus bundleStatus = BundleStatus.NONE;

    /** The store that holds the bundle ({@code directory}, {@code postgres}). */
    @Column(name = "bundle_store")
    private String bundleStore;

    /** Why the copy is being retried, or why the bundle failed or was removed. */
    @Column(name = "bundle_reason")
    private String bundleReason;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "bundle_reason_text", columnDefinition = "jsonb")
    private String bundleReasonText;

    @Column(name = "bundle_attempts", nullable = false)
    private int bundleAttempts;

    @Column(name = "bundle_first_try_at")
    private Instant bundleFirstTryAt;

    @Column(name = "bundle_stored_at")
    private Instant bundleStoredAt;

    @Column(name = "bundle_removed_at")
    private Instant bundleRemovedAt;

    /** A delta bundle: the link of the upgrade plan it was built for. */
    @Column(name = "plan_ref")
    private String planRef;

    @Column(name = "customer_name")
    private String customerName;

    /** A delta bundle: the release records the plan applies, in order. */
    @ElementCollection(fetch = FetchType.EAGER)
    @BatchSize(size = 100)
    @CollectionTable(name = "build_release", joinColumns = @JoinColumn(name = "build_id"))
    @OrderColumn(name = "position")
    private List<BuildRelease> releases = new ArrayList<>();

    @Version
    private long version;

    static Build triggering(BuildType type, UUID releaseId, String releaseNumber, String releaseTitle,
            List<BuildItem> items, UUID environmentId, String environmentName, String jenkinsTarget, String jobPath,
            String parameters, Actor actor, String jenkinsBaseUrl) {
        Build build = new Build();
        build.id = UUID.randomUUID();
        build.type = type;
        build.status = BuildStatus.TRIGGERING;
        build.releaseId = releaseId;
        build.releaseNumber = releaseNumber;
        build.releaseTitle = releaseTitle;
        build.items.addAll(items);
        build.environmentId = environmentId;
        build.environmentName = environmentName;
        build.jenkinsTarget = jenkinsTarget;
        build.jobPath = jobPath;
        build.jenkinsBaseUrl = jenkinsBaseUrl;
        build.parameters = parameters;
        build.requestedById = actor.userId();
        build.requestedByName = actor.name();
        build.requestedAt = Instant.now();
        build.triggerSentAt = build.requestedAt;
        return build;
    }

    /** A delta bundle for an upgrade plan of one environment: no release record, the plan's records instead. */
    static Build triggeringPlan(UUID environmentId, String environmentName, String customerName, String bundleName,
            List<BuildItem> items, List<BuildRelease> releases, String planRef, String jobPath, String parameters,
            Actor actor, String jenkinsBaseUrl) {
        Build build = triggering(BuildType.PACKAGE, null, bundleName, null, items, environmentId, environmentName, null,
                jobPath, parameters, actor, jenkinsBaseUrl);
        build.customerName = customerName;
        build.planRef = planRef;
        build.releases.addAll(releases);
        return build;
    }

    /** Whether this is a delta bundle (built for an upgrade plan rather than one release record). */
    public boolean isPlan() {
        return releaseId == null && type == BuildType.PACKAGE;
    }

    /**
     * Whether requests about this build may go to the Jenkins now configured: only to the Jenkins it was triggered
     * on (another Jenkins has other builds under the same job and number, and must not get this build's requests).
     */
    boolean ranOn(String configuredRoot) {
        return jenkinsBaseUrl == null || jenkinsBaseUrl.equals(configuredRoot);
    }

    public Actor requestedBy() {
        return new Actor(requestedById, requestedByName);
    }

    void queued(long queueId, Instant now) {
        this.status = BuildStatus.QUEUED;
        this.queueId = queueId;
        this.lastContactAt = now;
        this.nextPollAt = now;
    }

    /** Why it ended so, in {@code locale}; null when there is no reason. */
    public String reasonIn(Messages messages, Locale locale) {
        return StoredText.render(reasonText, reason, messages, locale);
    }

    /** Why it ended so, as a code and arguments; null when there is none or it was written before codes (V35_1). */
    public StoredText storedReason() {
        return StoredText.fromJson(reasonText);
    }

    /** Why the bundle is retried, failed or was removed, in {@code locale}; null when there is no reason. */
    public String bundleReasonIn(Messages messages, Locale locale) {
        return StoredText.render(bundleReasonText, bundleReason, messages, locale);
    }

    /** The bundle's reason as an argument of a message: read in the reader's language, a legacy text as it is. */
    public Object bundleReasonArg() {
        StoredText text = StoredText.fromJson(bundleReasonText);
        return text != null ? text.resolvable() : bundleReason == null ? "" : bundleReason;
    }

    private void reason(StoredText why) {
        this.reason = null;
        this.reasonText = why == null ? null : why.toJson();
    }

    private void bundleReason(StoredText why) {
        this.bundleReason = null;
        this.bundleReasonText = why == null ? null : why.toJson();
    }

    void unconfirmed(StoredText why, Instant now) {
        this.status = BuildStatus.UNCONFIRMED;
        reason(why);
        this.nextPollAt = now.plusSeconds(5);
    }

    void waiting(String why, Instant now, Instant nextPoll) {
        this.queueWhy = cap(why);
        contact(now, nextPoll);
    }

    void queueMissing(Instant now, Instant nextPoll) {
        if (queueMissingSince == null) {
            queueMissingSince = now;
        }
        contact(now, nextPoll);
    }

    void started(int number, String url, Instant now, Instant nextPoll) {
        this.status = BuildStatus.RUNNING;
        this.jenkinsBuildNumber = number;
        this.jenkinsUrl = url;
        this.queueWhy = null;
        reason(null);
        this.startedAt = now;
        contact(now, nextPoll);
    }

    void adopted(long queueId) {
        this.queueId = queueId;
    }

    void stillRunning(Instant now, Instant nextPoll) {
        contact(now, nextPoll);
    }

    void finished(BuildResult result, StoredText reason, List<BuildArtifact> artifacts, Instant now) {
        this.status = BuildStatus.FINISHED;
        this.result = result;
        reason(reason);
        this.queueWhy = null;
        this.finishedAt = now;
        this.nextPollAt = null;
        this.artifacts.clear();
        this.artifacts.addAll(artifacts);
    }

    /** Jenkins finished the package; the platform copies its files into its storage before it is shown as done. */
    void storing(BuildResult result, List<BuildArtifact> artifacts, StoredText why, Instant now, Instant nextTry) {
        if (status != BuildStatus.STORING) {
            this.status = BuildStatus.STORING;
            this.result = result;
            this.artifacts.clear();
            this.artifacts.addAll(artifacts);
            this.bundleFirstTryAt = now;
            this.queueWhy = null;
        }
        this.bundleStatus = BundleStatus.STORING;
        this.bundleAttempts++;
        bundleReason(why);
        this.nextPollAt = nextTry;
        this.lastContactAt = now;
    }

    /** Every file is in the platform's storage, checked: the build is done and downloadable. */
    void stored(BuildResult result, List<BuildArtifact> artifacts, String store, Instant now) {
        finished(result, null, artifacts, now);
        this.bundleStatus = BundleStatus.STORED;
        this.bundleStore = store;
        this.bundleStoredAt = now;
        bundleReason(null);
        this.bundleAttempts++;
    }

    /**
     * The package could not be kept (a checksum mismatch, Jenkins lost the file, or copying failed for too long):
     * the build ends as {@code BUNDLE_FAILED}, nothing is downloadable and Jenkins' own result stays in the reason.
     */
    void bundleFailed(BuildResult jenkinsResult, List<BuildArtifact> artifacts, StoredText why, Instant now) {
        finished(BuildResult.BUNDLE_FAILED, StoredText.of("build.reason.bundle-failed", jenkinsResult.name(), why),
                artifacts, now);
        this.bundleStatus = BundleStatus.FAILED;
        bundleReason(why);
        this.bundleAttempts++;
    }

    /** The retention run removed the stored files. */
    void bundleRemoved(StoredText why, Instant now) {
        this.bundleStatus = BundleStatus.EXPIRED;
        bundleReason(why);
        this.bundleRemovedAt = now;
    }

    void pollFailed(Instant nextPoll) {
        this.pollFailures++;
        this.nextPollAt = nextPoll;
    }

    /** What the instance that leased the build learnt is being recorded: others may claim it again. */
    void lookRecorded() {
        this.followLeaseUntil = null;
    }

    /** Sets when the follower looks next, e.g. a lease while one instance is polling. */
    void pollAt(Instant at) {
        this.nextPollAt = at;
    }

    private void contact(Instant now, Instant nextPoll) {
        this.lastContactAt = now;
        this.pollFailures = 0;
        this.nextPollAt = nextPoll;
    }

    private static String cap(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }

    /** The bundle's file at this position in {@link #getArtifacts()}. */
    public BuildArtifact artifact(String relativePath) {
        return artifacts.stream().filter(a -> a.getRelativePath().equals(relativePath)).findFirst().orElse(null);
    }
}
