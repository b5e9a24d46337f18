package io.inetpublish.auth.login;

import java.util.Locale;

import io.inetpublish.common.i18n.Messages;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/** The page a person sees when a login cannot complete: what happened and a way to try again; nothing technical. */
final class ErrorPage {

    private ErrorPage() {
    }

    /** The page in the request's language; {@code title} and {@code explanation} are codes of the catalogue. */
    static ResponseEntity<String> of(HttpStatus status, Messages messages, String title, String explanation,
            Object... args) {
        Locale locale = LocaleContextHolder.getLocale();
        String lang = Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? "en" : "zh-CN";
        return of(status, lang, messages.text(locale, title), messages.text(locale, explanation, args),
                messages.text(locale, "login.again"), messages.text(locale, "login.home"));
    }

    private static ResponseEntity<String> of(HttpStatus status, String lang, String title, String explanation,
            String again, String home) {
        String html = """
                <!doctype html>
                <html lang="%s">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · iNetPublish</title>
                <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2329}
                h1{font-size:1.4rem}a{color:#3370ff}</style></head>
                <body><main><h1>%s</h1><p>%s</p><p><a href="/api/auth/login">%s</a> · <a href="/">%s</a></p></main></body>
                </html>
                """.formatted(lang, HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(title),
                HtmlUtils.htmlEscape(explanation), HtmlUtils.htmlEscape(again), HtmlUtils.htmlEscape(home));
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .body(html);
    }
}
