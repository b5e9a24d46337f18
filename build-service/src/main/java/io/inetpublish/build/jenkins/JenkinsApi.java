package io.inetpublish.build.jenkins;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The JSON Jenkins' remote API answers with (docs/integrations.md §3), reduced to the fields build-service reads. */
public final class JenkinsApi {

    private JenkinsApi() {
    }

    /** {@code GET /queue/item/42/api/json}: waiting/blocked/buildable, or left (cancelled or with an executable). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record QueueItem(long id, String why, boolean blocked, boolean buildable, boolean stuck,
            Boolean cancelled, Executable executable) {

        public boolean isCancelled() {
            return Boolean.TRUE.equals(cancelled);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Executable(Integer number, String url) {
    }

    /** {@code GET /job/NAME/7/api/json}; {@code result} is null while running. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BuildInfo(int number, String url, Long queueId, boolean building, String result, long duration,
            long timestamp, List<Artifact> artifacts) {

        public List<Artifact> artifactsOrEmpty() {
            return artifacts == null ? List.of() : artifacts;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Artifact(String displayPath, String fileName, String relativePath) {
    }

    /**
     * {@code GET /job/NAME/7/api/json?tree=fingerprint[fileName,hash]}: Run's {@code fingerprint} property
     * ({@code @Exported(name = "fingerprint", visibility = -1)}, so only when asked for by {@code tree}); one entry per
     * file {@code archiveArtifacts(fingerprint: true)} recorded, {@code fileName} without its path, {@code hash} the
     * file's MD5 in hex. Empty when the job records no fingerprints.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Fingerprints(List<Fingerprint> fingerprint) {

        public List<Fingerprint> orEmpty() {
            return fingerprint == null ? List.of() : fingerprint;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Fingerprint(String fileName, String hash) {
    }

    /** {@code GET /job/NAME/api/json?tree=builds[...]}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record JobInfo(List<JobBuild> builds) {

        public List<JobBuild> buildsOrEmpty() {
            return builds == null ? List.of() : builds;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record JobBuild(int number, String url, Long queueId, Long timestamp, List<Action> actions) {

        /** The build's parameter value, from its {@code ParametersAction}, or null. */
        public String parameter(String name) {
            if (actions == null) {
                return null;
            }
            for (Action action : actions) {
                if (action != null && action.parameters() != null) {
                    for (Parameter p : action.parameters()) {
                        if (name.equals(p.name())) {
                            return p.value() == null ? null : String.valueOf(p.value());
                        }
                    }
                }
            }
            return null;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Action(List<Parameter> parameters) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Parameter(String name, Object value) {
    }

    /** A piece of the console log from {@code progressiveText}. */
    public record LogChunk(String text, long nextStart, boolean more) {
    }

    /** What {@code buildWithParameters} answered: a queue item, new (201) or an identical one already queued (303). */
    public record Queued(long queueId, String location, boolean alreadyQueued) {
    }
}
