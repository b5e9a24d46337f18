package io.inetpublish.common.event;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.inetpublish.common.i18n.EnglishTexts;
import io.inetpublish.common.i18n.StoredText;

/**
 * {@code build.finished}: a build the platform triggered reached its end. The envelope's actor is the person who
 * triggered it. Build one with {@link #testDeployment}, {@link #releasePackage} or {@link #deltaBundle}; ask it what
 * it means with {@link #completed()}, {@link #testDeploymentCompleted()} and {@link #producedPackage()} rather than
 * comparing its values (docs/events.md, "Results").
 *
 * @param buildType null when the producer sent a type this version does not know
 * @param result null when the producer sent a result this version does not know (it then counts as not completed)
 * @param reason why it did not complete (Jenkins' result of a {@code BUNDLE_FAILED} build is in it), in English; may
 *     be null. Kept for consumers of the version before {@code reasonText}: read {@link #storedReason()} instead
 * @param environmentId the internal test environment of a test deployment, the customer's environment a delta bundle
 *     was built for; null for a record's package
 * @param items the component versions that were built or deployed
 * @param artifacts the files the build produced; empty when nothing can be downloaded
 * @param customerName a delta bundle's customer; null otherwise
 * @param plan a delta bundle: the link of the upgrade plan it was built for (a platform path); null otherwise
 * @param releases a delta bundle: the release records the plan applies, in order ({@code releaseId} is null then
 *     and {@code releaseNumber} names the bundle); empty otherwise
 * @param manifestPath where the stored bundle's manifest is ({@code /api/builds/{id}/manifest}); null when the
 *     platform keeps no bundle of the build
 * @param reasonText the same reason as what it says: a code of the build-reason catalogue (common's
 *     {@code build-reasons*.properties}) and its arguments, which every reader renders in its own language; absent
 *     (not even {@code null} on the wire) when the producer had none, and in every event of a producer from before
 */
public record BuildFinished(int schemaVersion, UUID buildId, BuildType buildType, BuildResult result, String reason,
        UUID releaseId, String releaseNumber, String releaseTitle, UUID environmentId, String environmentName,
        Integer jenkinsBuildNumber, String jenkinsUrl, List<ComponentVersion> items, List<Artifact> artifacts,
        String customerName, String plan, List<PlanRelease> releases, String manifestPath,
        @JsonInclude(JsonInclude.Include.NON_NULL) StoredText reasonText) {

    public static final int SCHEMA_VERSION = 1;

    /** A test deployment of a release record to an internal test environment. */
    public static Builder testDeployment(UUID buildId, BuildResult result, UUID environmentId,
            String environmentName) {
        return new Builder(buildId, BuildType.TEST_DEPLOY, result).environment(environmentId, environmentName);
    }

    /** The package of a release record. */
    public static Builder releasePackage(UUID buildId, BuildResult result) {
        return new Builder(buildId, BuildType.PACKAGE, result);
    }

    /**
     * An upgrade plan's delta bundle (issue 17): a package without a record, named {@code bundleName}, for one
     * customer environment.
     */
    public static Builder deltaBundle(UUID buildId, BuildResult result, String bundleName, String customerName,
            UUID environmentId, String environmentName) {
        Builder builder = new Builder(buildId, BuildType.PACKAGE, result).environment(environmentId, environmentName);
        builder.releaseNumber = bundleName;
        builder.customerName = customerName;
        return builder;
    }

    /** The build ran to its end and produced its output: {@code SUCCESS} or {@code UNSTABLE}. */
    public boolean completed() {
        return result != null && result.completed();
    }

    /** It completed, with warnings: everything completion brings follows, and every surface says so. */
    public boolean unstable() {
        return result == BuildResult.UNSTABLE;
    }

    /**
     * Why it did not complete, as it is to be kept: the coded reason ({@code reasonText}); else, from a producer of the
     * version before codes, its English sentence read back into codes by the catalogue's patterns
     * ({@link EnglishTexts#buildReasons()}), or, when it is no sentence the catalogue writes, that text as it came
     * ({@link StoredReason#legacy()}); else null.
     */
    public StoredReason storedReason() {
        if (reasonText != null) {
            return new StoredReason(reasonText, null);
        }
        if (reason == null || reason.isBlank()) {
            return null;
        }
        StoredText read = EnglishTexts.buildReasons().read(reason);
        return read != null ? new StoredReason(read, null) : new StoredReason(null, reason);
    }

    /**
     * A build's reason as a consumer keeps it: {@code text} (a code and arguments), or the {@code legacy} English text
     * of an older producer that no pattern of the catalogue reads, shown as it came. Exactly one of the two is set.
     */
    public record StoredReason(StoredText text, String legacy) {

        /** What a consumer files: the stored text's JSON object ({@code {code, args}}), or the old sentence. */
        public Object fact() {
            return text != null ? text : legacy;
        }
    }

    /** A test deployment (whatever its result). */
    @JsonIgnore
    public boolean isTestDeployment() {
        return buildType == BuildType.TEST_DEPLOY;
    }

    /** A delta bundle of an upgrade plan (a package without a record), whatever its result. */
    @JsonIgnore
    public boolean isDeltaBundle() {
        return buildType == BuildType.PACKAGE && releaseId == null;
    }

    /** A release record's package (whatever its result). */
    @JsonIgnore
    public boolean isReleasePackage() {
        return buildType == BuildType.PACKAGE && releaseId != null;
    }

    /** The test environment now runs the record's versions: sync them, the record counts as tested. */
    public boolean testDeploymentCompleted() {
        return isTestDeployment() && completed();
    }

    /** A package (a record's or a delta bundle) that can be used: its files are listed and its bundle kept. */
    public boolean producedPackage() {
        return buildType == BuildType.PACKAGE && completed();
    }

    /** A release record an upgrade plan's delta bundle applies. */
    public record PlanRelease(UUID releaseId, String releaseNumber) {
    }

    /** A file the build produced, downloadable through build-service. */
    public record Artifact(String fileName, String relativePath, Long size, String sha256, String downloadPath) {
    }

    /** The optional parts of a {@code build.finished}, by name. */
    public static final class Builder {

        private final UUID buildId;
        private final BuildType buildType;
        private final BuildResult result;
        private String reason;
        private StoredText reasonText;
        private UUID releaseId;
        private String releaseNumber;
        private String releaseTitle;
        private UUID environmentId;
        private String environmentName;
        private Integer jenkinsBuildNumber;
        private String jenkinsUrl;
        private List<ComponentVersion> items = List.of();
        private List<Artifact> artifacts = List.of();
        private String customerName;
        private String plan;
        private List<PlanRelease> releases = List.of();
        private String manifestPath;

        private Builder(UUID buildId, BuildType buildType, BuildResult result) {
            this.buildId = Objects.requireNonNull(buildId, "buildId");
            this.buildType = buildType;
            this.result = Objects.requireNonNull(result, "result");
        }

        /** The release record built; a delta bundle has none (its name is set by {@link #deltaBundle}). */
        public Builder release(UUID id, String number, String title) {
            this.releaseId = id;
            this.releaseNumber = number;
            this.releaseTitle = title;
            return this;
        }

        private Builder environment(UUID id, String name) {
            this.environmentId = id;
            this.environmentName = name;
            return this;
        }

        /**
         * Why it did not complete: the coded reason, and its English text for consumers of the version before codes
         * (they store {@code reason} as it comes).
         */
        public Builder reason(StoredText reason, String english) {
            this.reasonText = reason;
            this.reason = english;
            return this;
        }

        /** Only a text, as a producer from before codes wrote it (for tests of what such an event does). */
        public Builder legacyReason(String reason) {
            return reason(null, reason);
        }

        public Builder jenkins(Integer buildNumber, String url) {
            this.jenkinsBuildNumber = buildNumber;
            this.jenkinsUrl = url;
            return this;
        }

        public Builder items(List<ComponentVersion> items) {
            this.items = items == null ? List.of() : List.copyOf(items);
            return this;
        }

        public Builder artifacts(List<Artifact> artifacts) {
            this.artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
            return this;
        }

        /** A delta bundle: the plan's link and the records it applies, in order. */
        public Builder plan(String plan, List<PlanRelease> releases) {
            this.plan = plan;
            this.releases = releases == null ? List.of() : List.copyOf(releases);
            return this;
        }

        /** The stored bundle's manifest; null when the platform keeps no bundle of the build. */
        public Builder manifestPath(String manifestPath) {
            this.manifestPath = manifestPath;
            return this;
        }

        public BuildFinished build() {
            return new BuildFinished(SCHEMA_VERSION, buildId, buildType, result, reason, releaseId, releaseNumber,
                    releaseTitle, environmentId, environmentName, jenkinsBuildNumber, jenkinsUrl, items, artifacts,
                    customerName, plan, releases, manifestPath, reasonText);
        }
    }
}
