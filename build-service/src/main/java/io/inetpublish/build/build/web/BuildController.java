package io.inetpublish.build.build.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.inetpublish.build.build.Build;
import io.inetpublish.build.build.BuildService;
import io.inetpublish.build.build.BuildService.OpenArtifact;
import io.inetpublish.build.build.BuildService.TriggerOutcome;
import io.inetpublish.build.build.BuildService.Triggered;
import io.inetpublish.build.build.BuildStatus;
import io.inetpublish.build.build.BundleStatus;
import io.inetpublish.build.jenkins.JenkinsApi.LogChunk;
import io.inetpublish.common.event.BuildResult;
import io.inetpublish.common.event.BuildType;
import io.inetpublish.common.i18n.Messages;
import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.web.PageResponse;
import io.inetpublish.common.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import lombok.RequiredArgsConstructor;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.Sort;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriUtils;

@Tag(name = "Builds",
        description = "Test deployments and packages run on Jenkins: trigger, follow, cancel, read the log, the "
                + "manifest and the artifacts.")
@RestController
@RequestMapping("/api/builds")
@RequiredArgsConstructor
class BuildController {

    private final BuildService service;
    private final Messages messages;

    /**
     * A build of one release record ({@code releaseId}; {@code environmentId} for a test deployment), or a delta
     * bundle for an upgrade plan: PACKAGE with {@code environmentId}, {@code items}, {@code releaseIds} and
     * {@code plan} and no {@code releaseId} (contracts.md, issue 17).
     */
    record TriggerRequest(UUID releaseId, @NotNull BuildType type, UUID environmentId,
            @jakarta.validation.constraints.Size(max = 500) List<@Valid PlanItemRequest> items,
            @jakarta.validation.constraints.Size(max = 200) List<UUID> releaseIds,
            @jakarta.validation.constraints.Size(max = 1000) String plan) {

        boolean forPlan() {
            return releaseId == null && type == BuildType.PACKAGE && (items != null || releaseIds != null);
        }
    }

    record PlanItemRequest(@jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 200)
            String component, @jakarta.validation.constraints.NotBlank String version) {
    }

    record ItemView(String component, String version) {
    }

    record ArtifactView(String fileName, String relativePath, Long size, String sha256, String md5,
            String downloadPath) {
    }

    record ReleaseRefView(UUID id, String number) {
    }

    /**
     * The build's bundle in the platform's storage: its status ({@link BundleStatus}), why (retrying, failed,
     * removed), when stored, and the manifest's path once stored.
     */
    record BundleView(BundleStatus status, String reason, int attempts, Instant storedAt, Instant removedAt,
            String manifestPath) {
    }

    record BuildView(UUID id, UUID releaseId, String releaseNumber, String releaseTitle, BuildType type,
            BuildStatus status, BuildResult result, String reason, String queueWhy, UUID environmentId,
            String environmentName, String customerName, String plan, List<ReleaseRefView> releases, String jobPath,
            Long queueId, Integer jenkinsBuildNumber, String jenkinsUrl,
            PersonRef requestedBy, Instant requestedAt, Instant startedAt, Instant finishedAt,
            Instant lastContactAt, List<ItemView> items, List<ArtifactView> artifacts, BundleView bundle) {

        /** The reasons in the request's language ({@code Accept-Language}). */
        static BuildView of(Build b, Messages messages) {
            Locale locale = LocaleContextHolder.getLocale();
            boolean downloadable = b.getBundleStatus() == BundleStatus.NONE && b.getStatus() == BuildStatus.FINISHED
                    || b.getBundleStatus() == BundleStatus.STORED;
            return new BuildView(b.getId(), b.getReleaseId(), b.getReleaseNumber(), b.getReleaseTitle(), b.getType(),
                    b.getStatus(), b.getResult(), b.reasonIn(messages, locale), b.getQueueWhy(), b.getEnvironmentId(),
                    b.getEnvironmentName(), b.getCustomerName(), b.getPlanRef(),
                    b.getReleases().stream().map(r -> new ReleaseRefView(r.getReleaseId(), r.getReleaseNumber()))
                            .toList(),
                    b.getJobPath(), b.getQueueId(), b.getJenkinsBuildNumber(),
                    b.getJenkinsUrl(), PersonRef.of(b.getRequestedById(), b.getRequestedByName()), b.getRequestedAt(),
                    b.getStartedAt(), b.getFinishedAt(), b.getLastContactAt(),
                    b.getItems().stream().map(i -> new ItemView(i.getComponent(), i.getVersion())).toList(),
                    // only files one can download are listed: none while storing, after a failure or removal
                    downloadable ? b.getArtifacts().stream().map(a -> new ArtifactView(a.getFileName(),
                            a.getRelativePath(), a.getSize(), a.getSha256(), a.getMd5(), downloadPath(b, a)))
                            .toList() : List.of(),
                    b.getType() == BuildType.PACKAGE ? new BundleView(b.getBundleStatus(),
                            b.bundleReasonIn(messages, locale),
                            b.getBundleAttempts(), b.getBundleStoredAt(), b.getBundleRemovedAt(),
                            b.getBundleStatus() == BundleStatus.STORED ? "/api/builds/" + b.getId() + "/manifest"
                                    : null) : null);
        }
    }

    static String downloadPath(Build b, io.inetpublish.build.build.BuildArtifact a) {
        return "/api/builds/" + b.getId() + "/artifacts/" + UriUtils.encodePath(a.getRelativePath(),
                StandardCharsets.UTF_8);
    }

    /**
     * {@code GET /api/builds/{id}/manifest}: what a stored bundle holds and what it was built for. Schema version 1;
     * fields are only ever added.
     */
    record ManifestView(int manifestVersion, UUID buildId, String kind, String name, ReleaseRefView release,
            String releaseTitle, EnvironmentView environment, String plan, List<ReleaseRefView> releases,
            List<ItemView> components, List<ManifestFile> files, String store, Instant storedAt,
            PersonRef requestedBy, Instant requestedAt, JenkinsView jenkins) {

        static ManifestView of(Build b) {
            return new ManifestView(1, b.getId(), b.isPlan() ? "PLAN" : "RELEASE", b.getReleaseNumber(),
                    b.getReleaseId() == null ? null : new ReleaseRefView(b.getReleaseId(), b.getReleaseNumber()),
                    b.getReleaseTitle(),
                    b.getEnvironmentId() == null ? null
                            : new EnvironmentView(b.getEnvironmentId(), b.getEnvironmentName(), b.getCustomerName()),
                    b.getPlanRef(),
                    b.getReleases().stream().map(r -> new ReleaseRefView(r.getReleaseId(), r.getReleaseNumber()))
                            .toList(),
                    b.getItems().stream().map(i -> new ItemView(i.getComponent(), i.getVersion())).toList(),
                    b.getArtifacts().stream().map(a -> new ManifestFile(a.getFileName(), a.getRelativePath(),
                            a.getSize(), a.getSha256(), a.getMd5(), downloadPath(b, a))).toList(),
                    b.getBundleStore(), b.getBundleStoredAt(), PersonRef.of(b.getRequestedById(),
                            b.getRequestedByName()), b.getRequestedAt(),
                    new JenkinsView(b.getJobPath(), b.getJenkinsBuildNumber(), b.getJenkinsUrl(), b.getResult()));
        }
    }

    record EnvironmentView(UUID id, String name, String customerName) {
    }

    /** @param md5 Jenkins' fingerprint of the file, null when the job records none */
    record ManifestFile(String fileName, String relativePath, long size, String sha256, String md5,
            String downloadPath) {
    }

    record JenkinsView(String job, Integer number, String url, BuildResult result) {
    }

    /** A piece of the console log; ask again with {@code start = nextStart} while {@code more}. */
    record LogView(String text, long nextStart, boolean more) {
    }

    @Operation(summary = "List builds")
    @GetMapping
    PageResponse<BuildView> list(@RequestParam(required = false) UUID releaseId,
            @RequestParam(required = false) UUID environmentId,
            @RequestParam(required = false) List<BuildStatus> status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        var request = Paging.request(page, size, 200, Sort.by(Sort.Direction.DESC, "requestedAt"));
        return PageResponse.of(service.list(releaseId, environmentId, status, request), b -> BuildView.of(b, messages));
    }

    @Operation(summary = "Show a build")
    @GetMapping("/{id}")
    BuildView get(@PathVariable UUID id) {
        return BuildView.of(service.get(id), messages);
    }

    /**
     * 201 with the new build; 200 with the existing build when Jenkins says an identical one is already queued (303);
     * 202 when Jenkins did not answer the trigger and the build is being looked for.
     */
    @Operation(summary = "Trigger a build",
            description = "Developer, tester, support, admin; a PACKAGE build support or admin. 201 with the new "
                    + "build; 200 with the identical build Jenkins already queued; 202 while the build is being "
                    + "looked for.")
    @ApiResponse(responseCode = "502", description = "Jenkins refused (`jenkins-credentials`, `jenkins-forbidden`, "
            + "`jenkins-crumb`, `jenkins-job-not-found`, `jenkins-job-not-parameterized`, `jenkins-error`)")
    @ApiResponse(responseCode = "503", description = "Jenkins cannot be reached; nothing was queued "
            + "(`jenkins-unavailable`)")
    @PostMapping
    ResponseEntity<BuildView> trigger(@Valid @RequestBody TriggerRequest request) {
        Triggered triggered;
        if (request.forPlan()) {
            triggered = service.triggerPlan(new BuildService.PlanCommand(request.environmentId(),
                    request.items() == null ? List.of() : request.items().stream()
                            .map(i -> new BuildService.PlanItem(i.component(), i.version())).toList(),
                    request.releaseIds(), request.plan()));
        } else if (request.releaseId() == null) {
            throw new io.inetpublish.common.web.FieldException("releaseId", "build.release-required");
        } else {
            triggered = service.trigger(
                    new BuildService.TriggerCommand(request.releaseId(), request.type(), request.environmentId()));
        }
        BuildView view = BuildView.of(triggered.build(), messages);
        URI location = URI.create("/api/builds/" + view.id());
        HttpStatus status = triggered.outcome() == TriggerOutcome.CREATED ? HttpStatus.CREATED
                : triggered.outcome() == TriggerOutcome.SAME_BUILD ? HttpStatus.OK : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).location(location).body(view);
    }

    @Operation(summary = "Cancel a build", description = "Developer, tester, support, admin.")
    @PostMapping("/{id}/cancel")
    ResponseEntity<BuildView> cancel(@PathVariable UUID id) {
        return ResponseEntity.accepted().body(BuildView.of(service.cancel(id), messages));
    }

    /**
     * The manifest of a stored bundle (JSON; {@code ?download=true} as an attachment named after the bundle). 404 for an
     * unknown build or one without a stored bundle; 410 once the retention setting removed it.
     */
    @Operation(summary = "The manifest of a stored bundle",
            description = "JSON; with download=true as an attachment. 410 once the retention setting removed the "
                    + "bundle.")
    @ApiResponse(responseCode = "410", description = "Removed by the retention setting (`bundle-expired`)")
    @GetMapping("/{id}/manifest")
    ResponseEntity<ManifestView> manifest(@PathVariable UUID id,
            @RequestParam(defaultValue = "false") boolean download) {
        Build b = service.withStoredBundle(id);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (download) {
            String name = (b.getReleaseNumber() == null ? "bundle-" + id : b.getReleaseNumber()) + ".manifest.json";
            ok.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename(name, StandardCharsets.UTF_8).build().toString());
        }
        return ok.body(ManifestView.of(b));
    }

    @Operation(summary = "Read a build's console log from an offset")
    @GetMapping("/{id}/log")
    LogView log(@PathVariable UUID id, @RequestParam(defaultValue = "0") @Min(0) long start) {
        LogChunk chunk = service.log(id, start);
        return new LogView(chunk.text(), chunk.nextStart(), chunk.more());
    }

    /** Streams the artifact from Jenkins to the client; nothing is held in memory. */
    @Operation(summary = "Download an artifact", description = "Streamed from the bundle store or Jenkins.")
    @GetMapping("/{id}/artifacts/{*relativePath}")
    ResponseEntity<StreamingResponseBody> artifact(@PathVariable UUID id, @PathVariable String relativePath) {
        String path = relativePath.startsWith("/") ? relativePath.substring(1) : relativePath;
        OpenArtifact open = service.openArtifact(id, path);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        headers.setContentDisposition(ContentDisposition.attachment().filename(open.fileName(), StandardCharsets.UTF_8)
                .build());
        if (open.contentLength() >= 0) {
            headers.setContentLength(open.contentLength());
        }
        if (open.knownSha256() != null) {
            headers.set("X-Checksum-Sha256", open.knownSha256());
        }
        StreamingResponseBody body = out -> service.stream(id, path, open, out);
        return ResponseEntity.ok().headers(headers).body(body);
    }
}
