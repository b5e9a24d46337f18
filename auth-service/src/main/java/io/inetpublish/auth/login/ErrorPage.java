package io.inetpublish.auth.login;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/** The page a person sees when a login cannot complete: what happened and a way to try again; nothing technical. */
final class ErrorPage {

    private ErrorPage() {
    }

    static ResponseEntity<String> of(HttpStatus status, String title, String explanation) {
        String html = """
                <!doctype html>
                <html lang="zh-CN">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · iNetPublish</title>
                <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2329}
                h1{font-size:1.4rem}a{color:#3370ff}</style></head>
                <body><main><h1>%s</h1><p>%s</p><p><a href="/api/auth/login">重新登录</a> · <a href="/">返回首页</a></p></main></body>
                </html>
                """.formatted(HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(title),
                HtmlUtils.htmlEscape(explanation));
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .body(html);
    }
}
