package io.inetpublish.sandbox.jenkins;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.inetpublish.sandbox.jenkins.SandboxJenkins.Job;
import io.inetpublish.sandbox.jenkins.SandboxJenkins.QueueItem;
import io.inetpublish.sandbox.jenkins.SandboxJenkins.Run;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The subset of Jenkins' remote API that build-service uses, as docs/integrations.md §3 describes it: crumb issuer,
 * {@code buildWithParameters} (201/303/400/404/405/409), queue items that turn into builds and are forgotten 5
 * minutes after leaving the queue, build JSON, {@code progressiveText}, artifacts, stop and cancel, job JSON.
 * HTTP Basic with the demo user's API token skips the crumb; with the password a crumb is required for POSTs.
 */
@RestController
@RequestMapping("/jenkins")
@EnableConfigurationProperties(JenkinsSandboxProperties.class)
class JenkinsController {

    private static final MediaType TEXT_UTF8 = MediaType.parseMediaType("text/plain;charset=UTF-8");
    private static final MediaType HTML_UTF8 = MediaType.parseMediaType("text/html;charset=utf-8");

    private final SandboxJenkins jenkins;

    JenkinsController(SandboxJenkins jenkins) {
        this.jenkins = jenkins;
    }

    // ---- auth and CSRF crumb -------------------------------------------------------------------------------

    private enum Credential { API_TOKEN, PASSWORD }

    /** The caller's credential, or the 401/403 Jenkins answers. */
    private Object authenticate(HttpServletRequest request, boolean post) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith("Basic ")) {
            return html(HttpStatus.FORBIDDEN, "Authentication required");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException ex) {
            return unauthorized("?");
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        String secret = colon < 0 ? "" : decoded.substring(colon + 1);
        JenkinsSandboxProperties p = jenkins.props();
        if (!p.user().equals(user)) {
            return unauthorized(user);
        }
        if (p.apiToken().equals(secret)) {
            return Credential.API_TOKEN; // ApiCrumbExclusion: token requests need no crumb
        }
        if (p.password().equals(secret)) {
            if (post && !crumb(request).equals(request.getHeader("Jenkins-Crumb"))) {
                return html(HttpStatus.FORBIDDEN, "No valid crumb was included in the request");
            }
            return Credential.PASSWORD;
        }
        return unauthorized(user);
    }

    private static ResponseEntity<String> unauthorized(String user) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE,
                "Basic realm=\"Jenkins\"").contentType(HTML_UTF8)
                .body("<html><body><h2>HTTP ERROR 401 Invalid password/token for user: " + user + "</h2></body></html>");
    }

    private static String crumb(HttpServletRequest request) {
        String session = request.getSession(true).getId();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(("crumb:" + session).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @GetMapping("/crumbIssuer/api/json")
    ResponseEntity<?> crumbIssuer(HttpServletRequest request) {
        if (authenticate(request, false) instanceof ResponseEntity<?> denied) {
            return denied;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("_class", "hudson.security.csrf.DefaultCrumbIssuer");
        body.put("crumb", crumb(request));
        body.put("crumbRequestField", "Jenkins-Crumb");
        return ResponseEntity.ok(body);
    }

    // ---- queue ---------------------------------------------------------------------------------------------

    @GetMapping("/queue/item/{id}/api/json")
    ResponseEntity<?> queueItem(@PathVariable long id, HttpServletRequest request) {
        if (authenticate(request, false) instanceof ResponseEntity<?> denied) {
            return denied;
        }
        Optional<QueueItem> found = jenkins.queueItem(id);
        if (found.isEmpty()) {
            return html(HttpStatus.NOT_FOUND, "Not Found");
        }
        QueueItem item = found.get();
        boolean left = item.leftAt != null;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("_class", left ? "hudson.model.Queue$LeftItem" : "hudson.model.Queue$WaitingItem");
        body.put("actions", List.of(Map.of("_class", "hudson.model.ParametersAction", "parameters", params(item.params))));
        body.put("blocked", false);
        body.put("buildable", false);
        body.put("id", item.id);
        body.put("inQueueSince", item.inQueueSince.toEpochMilli());
        body.put("params", paramsText(item.params));
        body.put("stuck", false);
        body.put("task", Map.of("_class", "hudson.model.FreeStyleProject", "name", item.job.config.path(), "url",
                base(request) + jobUrlPath(item.job.config.path()) + "/"));
        body.put("url", "queue/item/" + item.id + "/");
        body.put("why", left ? null : "In the quiet period. Expires in "
                + Math.max(0, java.time.Duration.between(jenkins.now(),
                        item.inQueueSince.plus(jenkins.props().queueDelay())).toMillis()) + " ms");
        if (left) {
            body.put("cancelled", item.cancelled);
            body.put("executable", item.executable == null ? null : Map.of("_class", "hudson.model.FreeStyleBuild",
                    "number", item.executable.number, "url", buildUrl(request, item.executable) + "/"));
        } else {
            body.put("timestamp", item.inQueueSince.plus(jenkins.props().queueDelay()).toEpochMilli());
        }
        return ResponseEntity.ok(body);
    }

    @PostMapping("/queue/cancelItem")
    ResponseEntity<?> cancelItem(@RequestParam long id, HttpServletRequest request) {
        if (authenticate(request, true) instanceof ResponseEntity<?> denied) {
            return denied;
        }
        if (jenkins.cancel(id)) {
            return ResponseEntity.noContent().build();
        }
        return html(HttpStatus.NOT_FOUND, "Provided id (" + id + ") not found");
    }

    // ---- jobs and builds: /job/A/job/B/<rest> --------------------------------------------------------------

    @RequestMapping("/job/**")
    ResponseEntity<?> job(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length() + "/jenkins".length());
        List<String> segments = new ArrayList<>(Arrays.asList(path.substring(1).split("/")));
        StringBuilder jobPath = new StringBuilder();
        while (segments.size() >= 2 && "job".equals(segments.get(0))) {
            jobPath.append(jobPath.isEmpty() ? "" : "/").append(UriUtils.decode(segments.get(1), StandardCharsets.UTF_8));
            segments.remove(0);
            segments.remove(0);
        }
        boolean post = HttpMethod.POST.matches(request.getMethod());
        if (authenticate(request, post) instanceof ResponseEntity<?> denied) {
            return denied;
        }
        Optional<Job> job = jenkins.job(jobPath.toString());
        if (job.isEmpty()) {
            return html(HttpStatus.NOT_FOUND, "Not Found");
        }
        String rest = String.join("/", segments);
        if (rest.equals("buildWithParameters") || rest.equals("build")) {
            if (!post) {
                return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST")
                        .contentType(HTML_UTF8).body("<html>HTTP ERROR 405 Method Not Allowed</html>");
            }
            return trigger(job.get(), rest.equals("build"), request);
        }
        if (rest.equals("api/json") && !post) {
            return ResponseEntity.ok(jobJson(job.get(), request));
        }
        if (segments.isEmpty() || !segments.get(0).matches("\\d+")) {
            return html(HttpStatus.NOT_FOUND, "Not Found");
        }
        Optional<Run> run = jenkins.run(job.get(), Integer.parseInt(segments.get(0)));
        if (run.isEmpty()) {
            return html(HttpStatus.NOT_FOUND, "Not Found");
        }
        String action = String.join("/", segments.subList(1, segments.size()));
        if (post && action.equals("doDelete")) {
            // Jenkins: Run.doDoDelete, needs DELETE permission; answers with a redirect to the job
            if (!jenkins.delete(run.get())) {
                return html(HttpStatus.BAD_REQUEST, "Unable to delete " + run.get().number + " because it is still running");
            }
            return ResponseEntity.status(HttpStatus.FOUND)
                    .location(java.net.URI.create(base(request) + jobUrlPath(job.get().config.path()) + "/")).build();
        }
        if (post && action.equals("stop")) {
            jenkins.stop(run.get(), jenkins.props().user());
            return ResponseEntity.status(HttpStatus.FOUND).location(java.net.URI.create(buildUrl(request, run.get()) + "/"))
                    .build();
        }
        if (post) {
            return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).build();
        }
        if (action.equals("api/json")) {
            String tree = request.getParameter("tree");
            if (tree != null && tree.startsWith("fingerprint")) {
                return ResponseEntity.ok(fingerprintJson(run.get()));
            }
            return ResponseEntity.ok(buildJson(run.get(), request));
        }
        if (action.equals("consoleText")) {
            return ResponseEntity.ok().contentType(TEXT_UTF8).body(jenkins.log(run.get()));
        }
        if (action.equals("logText/progressiveText")) {
            return progressiveText(run.get(), request.getParameter("start"));
        }
        if (action.startsWith("artifact/")) {
            String relative = UriUtils.decode(action.substring("artifact/".length()), StandardCharsets.UTF_8);
            SandboxJenkins.Artifact content = run.get().artifacts.get(relative);
            if (content == null) {
                return html(HttpStatus.NOT_FOUND, "Not Found");
            }
            // streamed like Jenkins' DirectoryBrowserSupport: Content-Length known, the body never held whole
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).contentLength(content.length)
                    .body(new org.springframework.core.io.InputStreamResource(content.open()));
        }
        return html(HttpStatus.NOT_FOUND, "Not Found");
    }

    private ResponseEntity<?> trigger(Job job, boolean plainBuild, HttpServletRequest request) {
        if (job.config.disabled()) {
            return html(HttpStatus.CONFLICT, job.config.path() + " is not buildable");
        }
        if (!plainBuild && !job.parameterised()) {
            return html(HttpStatus.BAD_REQUEST, job.config.path() + " is not parameterized");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (!plainBuild) {
            // like Jenkins, only the job's defined parameters are kept
            for (String name : job.config.parameters()) {
                String value = request.getParameter(name);
                params.put(name, value == null ? "" : value);
            }
        }
        Map.Entry<QueueItem, Boolean> queued = jenkins.enqueue(job, params);
        String location = base(request) + "/queue/item/" + queued.getKey().id + "/";
        return ResponseEntity.status(queued.getValue() ? HttpStatus.CREATED : HttpStatus.SEE_OTHER)
                .header(HttpHeaders.LOCATION, location).build();
    }

    private ResponseEntity<?> progressiveText(Run run, String startParam) {
        byte[] log = jenkins.log(run);
        long start;
        try {
            start = startParam == null ? 0 : Long.parseLong(startParam);
        } catch (NumberFormatException ex) {
            start = 0;
        }
        if (start > log.length || start < 0) {
            start = 0; // LargeText restarts from the beginning
        }
        byte[] chunk = Arrays.copyOfRange(log, (int) start, log.length);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(TEXT_UTF8)
                .header("X-Text-Size", String.valueOf(log.length));
        if (run.building()) {
            response.header("X-More-Data", "true");
        }
        return response.body(chunk);
    }

    private Map<String, Object> jobJson(Job job, HttpServletRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("_class", "hudson.model.FreeStyleProject");
        body.put("name", job.config.path().substring(job.config.path().lastIndexOf('/') + 1));
        body.put("fullName", job.config.path());
        body.put("url", base(request) + jobUrlPath(job.config.path()) + "/");
        body.put("buildable", !job.config.disabled());
        List<Map<String, Object>> builds = new ArrayList<>();
        for (Run run : jenkins.builds(job)) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("_class", "hudson.model.FreeStyleBuild");
            b.put("number", run.number);
            b.put("url", buildUrl(request, run) + "/");
            b.put("queueId", run.queueId);
            b.put("timestamp", run.startedAt.toEpochMilli());
            b.put("actions", List.of(Map.of("_class", "hudson.model.ParametersAction", "parameters",
                    params(run.params)), Map.of("_class", "hudson.model.CauseAction")));
            builds.add(b);
        }
        body.put("builds", builds);
        return body;
    }

    private Map<String, Object> buildJson(Run run, HttpServletRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("_class", "hudson.model.FreeStyleBuild");
        body.put("actions", List.of(Map.of("_class", "hudson.model.ParametersAction", "parameters",
                params(run.params))));
        List<Map<String, Object>> artifacts = new ArrayList<>();
        if (!run.building()) {
            run.artifacts.keySet().forEach(path -> artifacts.add(Map.of("displayPath",
                    path.substring(path.lastIndexOf('/') + 1), "fileName", path.substring(path.lastIndexOf('/') + 1),
                    "relativePath", path)));
        }
        body.put("artifacts", artifacts);
        body.put("building", run.building());
        body.put("description", null);
        body.put("displayName", "#" + run.number);
        body.put("duration", run.building() ? 0 : java.time.Duration.between(run.startedAt, run.finishedAt).toMillis());
        body.put("estimatedDuration", jenkins.props().buildDuration().toMillis());
        body.put("executor", null);
        body.put("fullDisplayName", run.job.config.path().replace("/", " » ") + " #" + run.number);
        body.put("id", String.valueOf(run.number));
        body.put("inProgress", run.building());
        body.put("keepLog", false);
        body.put("number", run.number);
        body.put("queueId", run.queueId);
        body.put("result", run.result);
        body.put("timestamp", run.startedAt.toEpochMilli());
        body.put("url", buildUrl(request, run) + "/");
        return body;
    }

    /**
     * {@code api/json?tree=fingerprint[fileName,hash]}: Run's {@code fingerprint} property, which Jenkins exports only
     * when asked for by {@code tree} (visibility -1); the package job archives with {@code fingerprint: true}.
     */
    private Map<String, Object> fingerprintJson(Run run) {
        List<Map<String, Object>> fingerprints = new ArrayList<>();
        if (!run.building()) {
            run.artifacts.forEach((path, artifact) -> fingerprints.add(Map.of("_class", "hudson.model.Fingerprint",
                    "fileName", path.substring(path.lastIndexOf('/') + 1), "hash", artifact.md5)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("_class", "hudson.model.FreeStyleBuild");
        body.put("fingerprint", fingerprints);
        return body;
    }

    private static List<Map<String, Object>> params(Map<String, String> params) {
        List<Map<String, Object>> list = new ArrayList<>();
        params.forEach((name, value) -> list.add(Map.of("_class", "hudson.model.StringParameterValue", "name", name,
                "value", value)));
        return list;
    }

    private static String paramsText(Map<String, String> params) {
        StringBuilder text = new StringBuilder();
        params.forEach((k, v) -> text.append('\n').append(k).append('=').append(v));
        return text.toString();
    }

    private static String base(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request).path("/jenkins").build().toUriString();
    }

    private static String jobUrlPath(String jobPath) {
        StringBuilder path = new StringBuilder();
        for (String segment : jobPath.split("/")) {
            path.append("/job/").append(UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8));
        }
        return path.toString();
    }

    private static String buildUrl(HttpServletRequest request, Run run) {
        return base(request) + jobUrlPath(run.job.config.path()) + "/" + run.number;
    }

    private static ResponseEntity<String> html(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(HTML_UTF8)
                .body("<html><head><title>Error " + status.value() + "</title></head><body><h2>HTTP ERROR "
                        + status.value() + " " + message + "</h2></body></html>");
    }
}
