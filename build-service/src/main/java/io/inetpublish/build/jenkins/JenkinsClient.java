package io.inetpublish.build.jenkins;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.inetpublish.build.jenkins.JenkinsApi.BuildInfo;
import io.inetpublish.build.jenkins.JenkinsApi.JobInfo;
import io.inetpublish.build.jenkins.JenkinsApi.LogChunk;
import io.inetpublish.build.jenkins.JenkinsApi.QueueItem;
import io.inetpublish.build.jenkins.JenkinsApi.Queued;
import io.inetpublish.build.jenkins.JenkinsRejectedException.Kind;
import io.inetpublish.build.settings.JenkinsConnection;
import io.inetpublish.common.i18n.Messages;
import io.inetpublish.common.net.IntegrationHosts;
import io.inetpublish.common.outside.OutsideCall;
import io.micrometer.core.instrument.MeterRegistry;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Jenkins' remote API as docs/integrations.md §3 describes it. Every call goes through the outside call {@code jenkins}
 * (timeouts, bulkhead, circuit breaker; README, "Outside calls"); only read-only calls are retried. Authentication is
 * HTTP Basic with user and API token, which Jenkins exempts from the CSRF crumb.
 *
 * <p>A {@link RestClient} rather than a Feign interface: the base URL and credentials change at runtime with the
 * settings, the trigger must see the raw 201/303 and its {@code Location} without following redirects, the log
 * needs the {@code X-Text-Size}/{@code X-More-Data} headers, and an artifact must be streamed from the open response.
 */
@Slf4j
@RequiredArgsConstructor
public class JenkinsClient {

    private static final Pattern QUEUE_ITEM = Pattern.compile("/queue/item/(\\d+)/?$");
    private static final String JOB_BUILDS_TREE = "builds[number,url,queueId,timestamp,actions[parameters[name,value]]]";

    private final RestClient http;
    private final RestClient streams;
    private final OutsideCall jenkins;
    private final MeterRegistry meters;
    private final int maxLogChunkBytes;
    private final IntegrationHosts hosts;

    /**
     * {@code POST /job/NAME/buildWithParameters}, sent exactly once (never retried: a retry after a lost answer
     * would queue a second build).
     *
     * @throws JenkinsRejectedException Jenkins refused (401/403/404/400/409...), nothing was queued
     * @throws JenkinsUnavailableException the request certainly did not reach Jenkins (refused, circuit open)
     * @throws JenkinsOutcomeUnknownException the request was sent but its answer was lost
     */
    public Queued trigger(JenkinsConnection c, String jobPath, Map<String, String> parameters) {
        URI uri = checked(c, c.root() + JenkinsConnection.jobUrlPath(jobPath) + "/buildWithParameters?delay=0sec");
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        parameters.forEach(form::add);
        return guarded("trigger", false, () -> {
            try {
                return http.post().uri(uri).headers(h -> auth(h, c)).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .body(form).exchange((request, response) -> {
                            int status = response.getStatusCode().value();
                            String location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
                            if ((status == 201 || status == 303) && location != null) {
                                Matcher m = QUEUE_ITEM.matcher(location);
                                if (m.find()) {
                                    return new Queued(Long.parseLong(m.group(1)), location, status == 303);
                                }
                            }
                            if (status == 502 || status == 504) {
                                throw new JenkinsOutcomeUnknownException(
                                        "a proxy in front of Jenkins answered " + status, null);
                            }
                            throw refusal(response, what("job", jobPath), true);
                        });
            } catch (ResourceAccessException ex) {
                if (notSent(ex)) {
                    throw unavailable(ex);
                }
                throw new JenkinsOutcomeUnknownException("no answer from Jenkins to the trigger: " + rootMessage(ex), ex);
            }
        });
    }

    /** {@code GET /queue/item/ID/api/json}, or null once Jenkins forgot the item (404, 5 minutes after it left). */
    public QueueItem queueItem(JenkinsConnection c, long queueId) {
        URI uri = checked(c, c.root() + "/queue/item/" + queueId + "/api/json");
        return getJson("queue-item", c, uri, QueueItem.class, what("queue-item", queueId));
    }

    /** {@code GET /job/NAME/N/api/json}, or null when the build does not exist. */
    public BuildInfo build(JenkinsConnection c, String jobPath, int number) {
        URI uri = checked(c, buildUrl(c, jobPath, number) + "/api/json");
        return getJson("build", c, uri, BuildInfo.class, what("build", jobPath, number));
    }

    /** {@code GET /job/NAME/N/api/json?tree=fingerprint[fileName,hash]}: the MD5s Jenkins recorded (may be none). */
    public JenkinsApi.Fingerprints fingerprints(JenkinsConnection c, String jobPath, int number) {
        URI base = checked(c, buildUrl(c, jobPath, number) + "/api/json");
        URI uri = checked(c, UriComponentsBuilder.fromUri(base).queryParam("tree", "fingerprint[fileName,hash]").build()
                .encode().toUri().toString());
        JenkinsApi.Fingerprints found = getJson("fingerprints", c, uri, JenkinsApi.Fingerprints.class,
                what("build", jobPath, number));
        return found == null ? new JenkinsApi.Fingerprints(java.util.List.of()) : found;
    }

    /** {@code GET /job/NAME/api/json?tree=builds[...]}: the job's recent builds with their queue ids. */
    public JobInfo jobBuilds(JenkinsConnection c, String jobPath) {
        URI base = checked(c, c.root() + JenkinsConnection.jobUrlPath(jobPath) + "/api/json");
        URI uri = checked(c, UriComponentsBuilder.fromUri(base).queryParam("tree", JOB_BUILDS_TREE).build().encode()
                .toUri().toString());
        JobInfo info = getJson("job", c, uri, JobInfo.class, what("job", jobPath));
        if (info == null) {
            throw new JenkinsRejectedException(Kind.JOB_NOT_FOUND, 404, "jenkins.not-found", what("job", jobPath));
        }
        return info;
    }

    /** {@code GET .../logText/progressiveText?start=N}, at most {@code maxLogChunkBytes} per call. */
    public LogChunk progressiveText(JenkinsConnection c, String jobPath, int number, long start) {
        URI uri = checked(c, buildUrl(c, jobPath, number) + "/logText/progressiveText?start=" + Math.max(start, 0));
        return guarded("log", true, () -> call(() -> http.get().uri(uri).headers(h -> auth(h, c))
                .exchange((request, response) -> {
                    if (!response.getStatusCode().is2xxSuccessful()) {
                        throw refusal(response, what("build", jobPath, number), false);
                    }
                    long textSize = parseLong(response.getHeaders().getFirst("X-Text-Size"), start);
                    boolean more = "true".equalsIgnoreCase(response.getHeaders().getFirst("X-More-Data"));
                    byte[] bytes;
                    try (InputStream body = response.getBody()) {
                        bytes = body.readNBytes(maxLogChunkBytes + 1);
                    }
                    if (bytes.length <= maxLogChunkBytes) {
                        return new LogChunk(new String(bytes, StandardCharsets.UTF_8), textSize, more);
                    }
                    // Longer than one chunk: hand out whole UTF-8 characters and continue where they end.
                    int cut = utf8Boundary(bytes, maxLogChunkBytes);
                    long from = start <= textSize ? Math.max(start, 0) : 0; // Jenkins restarts at 0 past the end
                    return new LogChunk(new String(bytes, 0, cut, StandardCharsets.UTF_8), from + cut, true);
                })));
    }

    /** {@code POST /queue/cancelItem?id=ID}. A 404 means the item already left the queue. */
    public boolean cancelQueueItem(JenkinsConnection c, long queueId) {
        URI uri = checked(c, c.root() + "/queue/cancelItem?id=" + queueId);
        return post("cancel", c, uri, what("queue-item", queueId));
    }

    /** {@code POST /job/NAME/N/stop}; Jenkins redirects afterwards. */
    public boolean stop(JenkinsConnection c, String jobPath, int number) {
        URI uri = checked(c, buildUrl(c, jobPath, number) + "/stop");
        return post("stop", c, uri, what("build", jobPath, number));
    }

    /**
     * Opens {@code GET /job/NAME/N/artifact/PATH} and returns the open response for the caller to stream and close.
     * The read timeout bounds each wait for the next bytes, not the whole copy (the streaming client).
     */
    public ClientHttpResponse openArtifact(JenkinsConnection c, String jobPath, int number, String relativePath) {
        StringBuilder path = new StringBuilder(buildUrl(c, jobPath, number)).append("/artifact");
        for (String segment : relativePath.split("/")) {
            path.append('/').append(UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8));
        }
        URI uri = checked(c, path.toString());
        return guarded("artifact", true, () -> call(() -> streams.get().uri(uri).headers(h -> auth(h, c))
                .exchange((request, response) -> {
                    if (!response.getStatusCode().is2xxSuccessful()) {
                        try (response) {
                            throw refusal(response, what("artifact", relativePath), false);
                        }
                    }
                    return response;
                }, false)));
    }

    /**
     * The request's URL, once it is certain that it goes to the configured Jenkins: an allowed integration host
     * (common {@link IntegrationHosts}), the configured base URL's scheme, host and port, and a path below its path.
     * A base URL saved with a fragment, user info or dot segments, or one on a host the operator does not allow,
     * never gets a request (and never the API token).
     *
     * @throws JenkinsRejectedException {@code ADDRESS_NOT_ALLOWED}: nothing was sent
     */
    private URI checked(JenkinsConnection c, String url) {
        try {
            return hosts.requireAllowedUnder(c.root(), URI.create(url));
        } catch (IntegrationHosts.RefusedException | IllegalArgumentException ex) {
            countError("address", "not-allowed");
            Object why = ex instanceof IntegrationHosts.RefusedException refused ? refused.reason()
                    : Messages.of("integration-url.invalid");
            throw new JenkinsRejectedException(Kind.ADDRESS_NOT_ALLOWED, 0, "jenkins.address-not-allowed", c.root(),
                    why);
        }
    }

    public static String buildUrl(JenkinsConnection c, String jobPath, int number) {
        return c.root() + JenkinsConnection.jobUrlPath(jobPath) + "/" + number;
    }

    /** What a call was about, named in the reader's language ({@code jenkins.what.*}). */
    private static MessageSourceResolvable what(String kind, Object... args) {
        return Messages.of("jenkins.what." + kind, args);
    }

    private boolean post(String operation, JenkinsConnection c, URI uri, MessageSourceResolvable what) {
        return guarded(operation, false, () -> call(() -> http.post().uri(uri).headers(h -> auth(h, c))
                .exchange((request, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.is2xxSuccessful() || status.is3xxRedirection()) {
                        return true;
                    }
                    if (status.value() == 404) {
                        return false;
                    }
                    throw refusal(response, what, false);
                })));
    }

    private <T> T getJson(String operation, JenkinsConnection c, URI uri, Class<T> type,
            MessageSourceResolvable what) {
        return guarded(operation, true, () -> call(() -> http.get().uri(uri).headers(h -> auth(h, c))
                .accept(MediaType.APPLICATION_JSON).exchange((request, response) -> {
                    if (response.getStatusCode().value() == 404) {
                        return null;
                    }
                    if (!response.getStatusCode().is2xxSuccessful()) {
                        throw refusal(response, what, false);
                    }
                    return response.bodyTo(type);
                })));
    }

    /** Runs a call that is not a trigger: every I/O failure means "unavailable, try again later". */
    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (ResourceAccessException ex) {
            throw unavailable(ex);
        }
    }

    private <T> T guarded(String operation, boolean idempotent, Supplier<T> call) {
        try {
            return idempotent ? jenkins.retried(call) : jenkins.call(call);
        } catch (CallNotPermittedException ex) {
            countError(operation, "circuit-open");
            throw new JenkinsUnavailableException("jenkins.circuit-open", ex);
        } catch (BulkheadFullException ex) {
            countError(operation, "bulkhead-full");
            throw new JenkinsUnavailableException("jenkins.busy", ex);
        } catch (JenkinsRejectedException ex) {
            countError(operation, ex.kind().name().toLowerCase());
            throw ex;
        } catch (JenkinsUnavailableException ex) {
            countError(operation, "unavailable");
            throw ex;
        } catch (JenkinsOutcomeUnknownException ex) {
            countError(operation, "outcome-unknown");
            throw ex;
        }
    }

    private void countError(String operation, String kind) {
        meters.counter("inetpublish.jenkins.call.errors", "operation", operation, "kind", kind).increment();
    }

    private static void auth(HttpHeaders headers, JenkinsConnection c) {
        String credentials = c.username() + ":" + c.apiToken();
        headers.set(HttpHeaders.AUTHORIZATION,
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    /** Turns a non-success answer into the error the user should see; 5xx means Jenkins is unwell. */
    private static RuntimeException refusal(ClientHttpResponse response, MessageSourceResolvable what,
            boolean trigger) throws IOException {
        int status = response.getStatusCode().value();
        String body = snippet(response);
        if (status >= 500 && !(trigger && body.contains("is not parameterized"))) {
            return new JenkinsUnavailableException("jenkins.answered", null, status, what);
        }
        return switch (status) {
            case 401 -> new JenkinsRejectedException(Kind.CREDENTIALS, status, "jenkins.credentials");
            case 403 -> body.contains("No valid crumb")
                    ? new JenkinsRejectedException(Kind.CRUMB, status, "jenkins.crumb")
                    : new JenkinsRejectedException(Kind.FORBIDDEN, status, "jenkins.forbidden", what);
            case 404 -> trigger
                    ? new JenkinsRejectedException(Kind.JOB_NOT_FOUND, status, "jenkins.job-not-found", what)
                    : new JenkinsRejectedException(Kind.NOT_FOUND, status, "jenkins.not-found", what);
            case 400, 500 -> body.contains("is not parameterized") || (trigger && status == 400)
                    ? new JenkinsRejectedException(Kind.NOT_PARAMETERIZED, status, "jenkins.not-parameterized", what,
                            status)
                    : new JenkinsRejectedException(Kind.OTHER, status, "jenkins.refused", what, status);
            case 409 -> new JenkinsRejectedException(Kind.JOB_DISABLED, status, "jenkins.job-disabled", what);
            default -> new JenkinsRejectedException(Kind.OTHER, status, "jenkins.refused", what, status);
        };
    }

    private static String snippet(ClientHttpResponse response) {
        try (InputStream body = response.getBody()) {
            return new String(body.readNBytes(4096), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            return "";
        }
    }

    private static boolean notSent(ResourceAccessException ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException
                    || t instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static JenkinsUnavailableException unavailable(ResourceAccessException ex) {
        return new JenkinsUnavailableException("jenkins.unreachable", ex, rootMessage(ex));
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static long parseLong(String value, long fallback) {
        try {
            return value == null ? fallback : Long.parseLong(value.trim());
        } catch (NumberFormatException ex) {
            return fallback;
        }
    }

    /** The largest prefix length not above {@code limit} that ends on a whole UTF-8 character. */
    static int utf8Boundary(byte[] bytes, int limit) {
        int cut = limit;
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80) {
            cut--;
        }
        return cut;
    }
}
