package io.inetpublish.build.download;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.inetpublish.build.build.BuildService;
import io.inetpublish.build.build.BuildService.OpenArtifact;
import io.inetpublish.build.download.DownloadLinks.Issued;
import io.inetpublish.build.download.DownloadLinks.Redeemed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * {@code POST /api/builds/{id}/download-links}: a logged-in person gets a link to one artifact, valid for a few minutes
 * and once. {@code GET /api/builds/downloads/{token}} needs no token: it streams the artifact, or answers a page that
 * says the link has expired or was used already, with a way to get a new one.
 */
@Tag(name = "Download links",
        description = "Single-use links to one artifact, valid for a few minutes, for browsers and Feishu cards.")
@RestController
@RequiredArgsConstructor
class DownloadController {

    private final DownloadLinks links;
    private final BuildService service;

    record LinkRequest(@NotBlank @Size(max = 1000) String path) {
    }

    @Operation(summary = "Get a download link for an artifact",
            description = "Valid for BUILD_DOWNLOAD_LINK_TTL and once.")
    @PostMapping("/api/builds/{id}/download-links")
    ResponseEntity<Issued> issue(@PathVariable UUID id, @Valid @RequestBody LinkRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(links.issue(id, request.path()));
    }

    @Operation(summary = "Follow a download link",
            description = "The link is its own credential: no access token. An expired, used or unknown link "
                    + "answers a page that says so.")
    @SecurityRequirements
    @GetMapping("/api/builds/downloads/{token}")
    ResponseEntity<StreamingResponseBody> download(@PathVariable String token) {
        Redeemed redeemed = links.redeem(token);
        if (redeemed.refusal() != null) {
            return refused(redeemed);
        }
        OpenArtifact open = service.openArtifact(redeemed.buildId(), redeemed.path());
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        headers.setContentDisposition(ContentDisposition.attachment().filename(open.fileName(), StandardCharsets.UTF_8)
                .build());
        headers.setCacheControl(CacheControl.noStore());
        if (open.contentLength() >= 0) {
            headers.setContentLength(open.contentLength());
        }
        if (open.knownSha256() != null) {
            headers.set("X-Checksum-Sha256", open.knownSha256());
        }
        StreamingResponseBody body = out -> service.stream(redeemed.buildId(), redeemed.path(), open, out);
        return ResponseEntity.ok().headers(headers).body(body);
    }

    /** A page, not a problem document: the person followed a link from Feishu in a browser. */
    private static ResponseEntity<StreamingResponseBody> refused(Redeemed redeemed) {
        String title = switch (redeemed.refusal()) {
            case EXPIRED -> "下载链接已过期";
            case USED -> "下载链接已使用过";
            case UNKNOWN -> "下载链接无效";
        };
        String explanation = switch (redeemed.refusal()) {
            case EXPIRED -> "为了安全，下载链接只在几分钟内有效。请回到下载页重新获取。";
            case USED -> "每个下载链接只能使用一次。请回到下载页重新获取。";
            case UNKNOWN -> "这个链接不是平台发出的下载链接，或已被清理。";
        };
        String again = redeemed.buildId() == null ? "/" : "/builds/" + redeemed.buildId() + "/download?path="
                + UriUtils.encodeQueryParam(redeemed.path(), StandardCharsets.UTF_8);
        String html = """
                <!doctype html>
                <html lang="zh-CN">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · iNetPublish</title>
                <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2329}
                h1{font-size:1.4rem}a{color:#3370ff}</style></head>
                <body><main><h1 data-testid="download-refused">%s</h1><p>%s</p>
                <p><a href="%s">%s</a> · <a href="/">返回首页</a></p></main></body>
                </html>
                """.formatted(HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(title),
                HtmlUtils.htmlEscape(explanation), HtmlUtils.htmlEscape(again),
                redeemed.buildId() == null ? "打开平台" : "重新获取下载链接");
        HttpStatus status = redeemed.refusal() == DownloadLinks.Refusal.UNKNOWN ? HttpStatus.NOT_FOUND
                : HttpStatus.GONE;
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .header("Referrer-Policy", "no-referrer")
                .body(out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
    }
}
