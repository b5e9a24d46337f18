package io.inetpublish.sandbox.jenkins;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * The state of the emulated Jenkins: jobs, the queue and builds, all in memory. Time moves things along: a queue
 * item becomes a build after {@code queueDelay}, a build runs for {@code buildDuration} with a growing log, a left
 * queue item is forgotten after {@code leftItemTtl}. Every access first brings the state up to the current time.
 */
@Component
class SandboxJenkins {

    static final class Job {
        final JenkinsSandboxProperties.Job config;
        final TreeMap<Integer, Run> builds = new TreeMap<>();
        int nextNumber = 1;

        Job(JenkinsSandboxProperties.Job config) {
            this.config = config;
        }

        boolean parameterised() {
            return config.parameters() != null && !config.parameters().isEmpty();
        }
    }

    static final class QueueItem {
        final long id;
        final Job job;
        final Map<String, String> params;
        final Instant inQueueSince;
        Instant leftAt;
        boolean cancelled;
        Run executable;

        QueueItem(long id, Job job, Map<String, String> params, Instant inQueueSince) {
            this.id = id;
            this.job = job;
            this.params = params;
            this.inQueueSince = inQueueSince;
        }
    }

    static final class Run {
        final Job job;
        final int number;
        final long queueId;
        final Map<String, String> params;
        final Instant startedAt;
        final List<String> plannedLog;
        final String plannedResult;
        String result;
        Instant finishedAt;
        final Map<String, Artifact> artifacts = new LinkedHashMap<>();

        Run(Job job, int number, long queueId, Map<String, String> params, Instant startedAt, List<String> plannedLog,
                String plannedResult) {
            this.job = job;
            this.number = number;
            this.queueId = queueId;
            this.params = params;
            this.startedAt = startedAt;
            this.plannedLog = plannedLog;
            this.plannedResult = plannedResult;
        }

        boolean building() {
            return result == null;
        }
    }

    /**
     * An archived file: small ones held as bytes, the padding file of a large package generated on the fly from a
     * seed (so a 500 MB package costs the sandbox no heap). {@code md5} is what {@code archiveArtifacts(fingerprint:
     * true)} records.
     */
    static final class Artifact {
        final byte[] bytes;
        final long length;
        final long seed;
        final String md5;

        private Artifact(byte[] bytes, long length, long seed) {
            this.bytes = bytes;
            this.length = length;
            this.seed = seed;
            this.md5 = md5(this);
        }

        static Artifact of(byte[] bytes) {
            return new Artifact(bytes, bytes.length, 0);
        }

        static Artifact generated(long length, long seed) {
            return new Artifact(null, length, seed);
        }

        java.io.InputStream open() {
            if (bytes != null) {
                return new java.io.ByteArrayInputStream(bytes);
            }
            return new java.io.InputStream() {
                private final java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
                private long left = length;

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = (int) Math.min(len, left);
                    for (int i = 0; i < n; i++) {
                        b[off + i] = (byte) random.nextInt(256);
                    }
                    left -= n;
                    return n;
                }
            };
        }

        private static String md5(Artifact a) {
            try (java.io.InputStream in = a.open()) {
                java.security.MessageDigest md = java.security.MessageDigest.getInstance("MD5");
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    md.update(buffer, 0, n);
                }
                return java.util.HexFormat.of().formatHex(md.digest());
            } catch (java.io.IOException | java.security.NoSuchAlgorithmException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    private final JenkinsSandboxProperties props;
    /** Size of the extra payload file each package gets (bench: a 500 MB package); 0 = none. */
    private volatile long packagePaddingBytes;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<Long, QueueItem> queue = new LinkedHashMap<>();
    private final AtomicLong queueIds = new AtomicLong(100);
    private Duration clockShift = Duration.ZERO;

    SandboxJenkins(JenkinsSandboxProperties props) {
        this.props = props;
        for (JenkinsSandboxProperties.Job job : props.jobsOrDefaults()) {
            jobs.put(job.path(), new Job(job));
        }
    }

    JenkinsSandboxProperties props() {
        return props;
    }

    synchronized Optional<Job> job(String path) {
        advance();
        return Optional.ofNullable(jobs.get(path));
    }

    /** Queues a build; an identical item (same job and parameters) still waiting is returned instead (303). */
    synchronized Map.Entry<QueueItem, Boolean> enqueue(Job job, Map<String, String> params) {
        advance();
        for (QueueItem item : queue.values()) {
            if (item.job == job && item.leftAt == null && item.params.equals(params)) {
                return Map.entry(item, false);
            }
        }
        QueueItem item = new QueueItem(queueIds.incrementAndGet(), job, params, now());
        queue.put(item.id, item);
        return Map.entry(item, true);
    }

    synchronized Optional<QueueItem> queueItem(long id) {
        advance();
        return Optional.ofNullable(queue.get(id));
    }

    /** Cancels a waiting item; false when there is no such item or it already left the queue. */
    synchronized boolean cancel(long id) {
        advance();
        QueueItem item = queue.get(id);
        if (item == null || item.leftAt != null) {
            return false;
        }
        item.cancelled = true;
        item.leftAt = now();
        return true;
    }

    synchronized Optional<Run> run(Job job, int number) {
        advance();
        return Optional.ofNullable(job.builds.get(number));
    }

    synchronized void stop(Run run, String by) {
        advance();
        if (run.building()) {
            finish(run, "ABORTED", now(), List.of("Aborted by " + by));
        }
    }

    /** The log as far as the build got. */
    synchronized byte[] log(Run run) {
        advance();
        StringBuilder text = new StringBuilder();
        int lines = run.building() ? visibleLines(run) : run.plannedLog.size();
        for (int i = 0; i < lines && i < run.plannedLog.size(); i++) {
            text.append(run.plannedLog.get(i)).append('\n');
        }
        if (!run.building()) {
            text.append("Finished: ").append(run.result).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    synchronized List<Run> builds(Job job) {
        advance();
        return new ArrayList<>(job.builds.descendingMap().values());
    }

    void packagePadding(long bytes) {
        this.packagePaddingBytes = Math.max(0, bytes);
    }

    long packagePadding() {
        return packagePaddingBytes;
    }

    /** {@code doDelete}: Jenkins removes the build with its log and artifacts (a finished build only). */
    synchronized boolean delete(Run run) {
        advance();
        if (run.building()) {
            return false;
        }
        run.job.builds.remove(run.number);
        return true;
    }

    /** Moves the sandbox's clock forward (tests; demos without waiting). */
    synchronized void shiftClock(Duration by) {
        clockShift = clockShift.plus(by);
        advance();
    }

    Instant now() {
        return Instant.now().plus(clockShift);
    }

    private int visibleLines(Run run) {
        double elapsed = Duration.between(run.startedAt, now()).toMillis();
        double fraction = Math.min(1.0, elapsed / Math.max(1, props.buildDuration().toMillis()));
        return (int) Math.floor(fraction * (run.plannedLog.size() - 1)) + 1;
    }

    private void advance() {
        Instant now = now();
        for (QueueItem item : new ArrayList<>(queue.values())) {
            if (item.leftAt == null && !item.inQueueSince.plus(props.queueDelay()).isAfter(now)) {
                Instant startedAt = item.inQueueSince.plus(props.queueDelay());
                item.leftAt = startedAt;
                item.executable = start(item, startedAt);
            }
            if (item.leftAt != null && !item.leftAt.plus(props.leftItemTtl()).isAfter(now)) {
                queue.remove(item.id);
            }
        }
        for (Job job : jobs.values()) {
            for (Run run : job.builds.values()) {
                Instant end = run.startedAt.plus(props.buildDuration());
                if (run.building() && !end.isAfter(now)) {
                    finish(run, run.plannedResult, end, List.of());
                }
            }
        }
    }

    private Run start(QueueItem item, Instant startedAt) {
        Job job = item.job;
        int number = job.nextNumber++;
        String result = "SUCCESS";
        for (String value : item.params.values()) {
            if (value.contains("UNSTABLE")) {
                result = "UNSTABLE";
            }
            if (value.contains(props.failMarker())) {
                result = "FAILURE";
            }
        }
        List<String> log = new ArrayList<>();
        log.add("Started by user " + props.user());
        log.add("Running as SYSTEM");
        log.add("Building in workspace /var/jenkins_home/workspace/" + job.config.path());
        item.params.forEach((k, v) -> log.add("[params] " + k + "=" + v.replace("\n", ", ")));
        for (String line : item.params.getOrDefault("COMPONENTS", "").split("\n")) {
            if (!line.isBlank()) {
                log.add((job.config.packages() ? "Packaging " : "Deploying ") + line.trim()
                        + (item.params.containsKey("TARGET_ENV") ? " to " + item.params.get("TARGET_ENV") : ""));
            }
        }
        if ("FAILURE".equals(result)) {
            log.add("ERROR: step failed (a parameter contains '" + props.failMarker() + "')");
        }
        if (job.config.packages()) {
            log.add("Archiving artifacts");
        }
        Run run = new Run(job, number, item.id, item.params, startedAt, log, result);
        job.builds.put(number, run);
        return run;
    }

    private void finish(Run run, String result, Instant at, List<String> extraLog) {
        run.plannedLog.addAll(extraLog);
        run.result = result;
        run.finishedAt = at;
        if (run.job.config.packages() && !"ABORTED".equals(result) && !"FAILURE".equals(result)) {
            String release = run.params.getOrDefault("RELEASE_NUMBER", "build-" + run.number);
            StringBuilder manifest = new StringBuilder("release=" + release + "\n");
            for (String line : run.params.getOrDefault("COMPONENTS", "").split("\n")) {
                if (!line.isBlank()) {
                    manifest.append(line.trim()).append('\n');
                }
            }
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(release + "/manifest.txt", manifest.toString().getBytes(StandardCharsets.UTF_8));
            run.artifacts.put("dist/" + release + ".tar.gz", Artifact.of(TarGz.of(files, at.getEpochSecond())));
            if (packagePaddingBytes > 0) {
                run.artifacts.put("dist/" + release + "-payload.bin",
                        Artifact.generated(packagePaddingBytes, run.queueId * 31 + run.number));
            }
        }
    }
}
