package io.inetpublish.sandbox.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.inetpublish.sandbox.feishu.DemoUsers;
import io.inetpublish.sandbox.feishu.DemoUsers.DemoUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Feishu's OAuth login as docs/integrations.md §1 gives it: the authorize page (here: pick one of the demo users, or
 * refuse), the v2 token endpoint with its top-level success fields and {@code {code, error, error_description}}
 * errors, and user_info ({@code {code, msg, data}}, errors as HTTP 200 with a non-zero code). Refresh tokens are not
 * emulated (the platform does not ask for {@code offline_access}).
 */
@RestController
class FeishuOAuthController {

    private static final String AUTHORIZE = "/open-apis/authen/v1/authorize";

    private final DemoUsers users;
    private final OAuthGrants grants;
    private final String appId;
    private final String appSecret;
    private final Set<String> redirectUris;

    FeishuOAuthController(DemoUsers users, OAuthGrants grants,
            @Value("${sandbox.feishu.app-id:cli_sandbox_app}") String appId,
            @Value("${sandbox.feishu.app-secret:sandbox-app-secret}") String appSecret,
            @Value("${sandbox.feishu.oauth.redirect-uris:http://localhost:8080/api/auth/callback}") List<String> redirectUris) {
        this.users = users;
        this.grants = grants;
        this.appId = appId;
        this.appSecret = appSecret;
        this.redirectUris = redirectUris.stream().map(String::trim).collect(Collectors.toSet());
    }

    @GetMapping(AUTHORIZE)
    ResponseEntity<String> authorizePage(@RequestParam Map<String, String> params) {
        String problem = checkAuthorizeRequest(params);
        if (problem != null) {
            return page(HttpStatus.BAD_REQUEST, "<h1>无法授权</h1><p>" + HtmlUtils.htmlEscape(problem) + "</p>");
        }
        StringBuilder html = new StringBuilder("<h1>飞书登录（沙箱）</h1><p>应用 <code>")
                .append(HtmlUtils.htmlEscape(appId)).append("</code> 请求获取你的身份信息。选择登录的用户：</p>");
        for (DemoUser user : users.all()) {
            html.append("<form method=\"post\" action=\"").append(AUTHORIZE).append("\">").append(hidden(params))
                    .append("<input type=\"hidden\" name=\"open_id\" value=\"")
                    .append(HtmlUtils.htmlEscape(user.openId())).append("\">")
                    .append("<button type=\"submit\" name=\"decision\" value=\"approve\">")
                    .append(HtmlUtils.htmlEscape(user.name())).append(" · ").append(HtmlUtils.htmlEscape(user.enName()))
                    .append(" · ").append(HtmlUtils.htmlEscape(user.email())).append("</button></form>");
        }
        html.append("<form method=\"post\" action=\"").append(AUTHORIZE).append("\">").append(hidden(params))
                .append("<button type=\"submit\" name=\"decision\" value=\"deny\">拒绝</button></form>");
        return page(HttpStatus.OK, html.toString());
    }

    @PostMapping(value = AUTHORIZE, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> decide(@RequestParam Map<String, String> params) {
        String problem = checkAuthorizeRequest(params);
        if (problem != null) {
            return page(HttpStatus.BAD_REQUEST, "<h1>无法授权</h1><p>" + HtmlUtils.htmlEscape(problem) + "</p>");
        }
        UriComponentsBuilder back = UriComponentsBuilder.fromUriString(params.get("redirect_uri"));
        if (!"approve".equals(params.get("decision"))) {
            back.queryParam("error", "access_denied");
        } else {
            DemoUser user = users.byOpenId(params.getOrDefault("open_id", "")).orElse(null);
            if (user == null) {
                return page(HttpStatus.BAD_REQUEST, "<h1>无法授权</h1><p>没有这个用户。</p>");
            }
            back.queryParam("code", grants.issueCode(appId, params.get("redirect_uri"),
                    params.get("code_challenge"), params.getOrDefault("code_challenge_method", "plain"),
                    user.openId(), params.getOrDefault("scope", "")));
        }
        if (params.get("state") != null) {
            back.queryParam("state", params.get("state"));
        }
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, back.encode().build().toUriString()).build();
    }

    @PostMapping("/open-apis/authen/v2/oauth/token")
    ResponseEntity<Map<String, Object>> token(@RequestBody(required = false) String rawBody,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        Map<String, Object> body;
        try {
            body = rawBody == null ? null : JsonBody.parse(rawBody);
        } catch (IllegalArgumentException ex) {
            body = null;
        }
        if (body == null || contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            return error(20063, "invalid_request", "The request is malformed.");
        }
        String grantType = string(body, "grant_type");
        String clientId = string(body, "client_id");
        String clientSecret = string(body, "client_secret");
        if (authorization != null && authorization.startsWith("Basic ") && clientSecret != null) {
            return error(20070, "invalid_request", "Client credentials were sent both as Basic auth and in the body.");
        }
        if (grantType == null || clientId == null || clientSecret == null) {
            return error(20001, "invalid_request", "A required parameter is missing.");
        }
        if (!"authorization_code".equals(grantType)) {
            return error(20036, "unsupported_grant_type", "The grant_type is not supported.");
        }
        if (!appId.equals(clientId) || !MessageDigest.isEqual(appSecret.getBytes(StandardCharsets.UTF_8),
                clientSecret.getBytes(StandardCharsets.UTF_8))) {
            return error(20002, "invalid_client", "The client_secret is invalid.");
        }
        String code = string(body, "code");
        if (code == null) {
            return error(20001, "invalid_request", "A required parameter is missing: code.");
        }
        OAuthGrants.Redemption redemption = grants.find(code);
        switch (redemption.state()) {
            case UNKNOWN:
                return error(20003, "invalid_grant", "The authorization code was not found.");
            case USED:
                return error(20065, "invalid_grant", "The authorization code has already been used.");
            case EXPIRED:
                return error(20004, "invalid_grant", "The authorization code has expired.");
            default:
                break;
        }
        OAuthGrants.Code granted = redemption.code();
        if (!granted.appId().equals(clientId)) {
            return error(20024, "invalid_grant", "The authorization code does not belong to this app.");
        }
        String redirectUri = string(body, "redirect_uri");
        if (redirectUri != null && !redirectUri.equals(granted.redirectUri())) {
            return error(20071, "invalid_grant", "The redirect_uri does not match the authorization request.");
        }
        if (granted.codeChallenge() != null && !pkceMatches(granted, string(body, "code_verifier"))) {
            grants.consume(code);
            return error(20049, "invalid_grant", "PKCE verification failed.");
        }
        String scope = granted.scope();
        String narrowed = string(body, "scope");
        if (narrowed != null && !narrowed.isBlank()) {
            Set<String> grantedScopes = Set.of(scope.split(" "));
            if (!grantedScopes.containsAll(Arrays.asList(narrowed.split(" ")))) {
                return error(20067, "invalid_scope", "The scope exceeds what was authorized.");
            }
            scope = narrowed;
        }
        if (!grants.consume(code)) {
            return error(20065, "invalid_grant", "The authorization code has already been used.");
        }
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("code", 0);
        ok.put("access_token", grants.issueToken(granted.openId()));
        ok.put("expires_in", grants.tokenLifetimeSeconds());
        ok.put("scope", scope);
        ok.put("token_type", "Bearer");
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ok);
    }

    @GetMapping("/open-apis/authen/v1/user_info")
    Map<String, Object> userInfo(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        String token = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()).strip() : "";
        var found = grants.token(token).flatMap(t -> users.byOpenId(t.openId()));
        if (found.isEmpty()) {
            return Map.of("code", 20005, "msg", "The user access token is invalid or expired.");
        }
        DemoUser user = found.get();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", user.name());
        data.put("en_name", user.enName());
        data.put("avatar_url", "");
        data.put("avatar_thumb", "");
        data.put("avatar_middle", "");
        data.put("avatar_big", "");
        data.put("open_id", user.openId());
        data.put("union_id", user.unionId());
        data.put("email", user.email());
        data.put("enterprise_email", "");
        data.put("user_id", user.userId());
        data.put("mobile", "");
        data.put("tenant_key", "sandbox_tenant");
        data.put("employee_no", user.userId());
        return Map.of("code", 0, "msg", "success", "data", data);
    }

    private String checkAuthorizeRequest(Map<String, String> params) {
        if (!appId.equals(params.get("client_id"))) {
            return "未知的应用 client_id。";
        }
        if (!"code".equals(params.get("response_type"))) {
            return "response_type 必须为 code。";
        }
        if (params.get("redirect_uri") == null || !redirectUris.contains(params.get("redirect_uri"))) {
            return "redirect_uri 未在应用的安全设置中登记。";
        }
        String method = params.get("code_challenge_method");
        if (method != null && !method.equals("S256") && !method.equals("plain")) {
            return "code_challenge_method 只能是 S256 或 plain。";
        }
        return null;
    }

    private static boolean pkceMatches(OAuthGrants.Code granted, String verifier) {
        if (verifier == null || verifier.length() < 43 || verifier.length() > 128) {
            return false;
        }
        String expected = "S256".equals(granted.challengeMethod()) ? s256(verifier) : verifier;
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                granted.codeChallenge().getBytes(StandardCharsets.US_ASCII));
    }

    static String s256(String verifier) {
        try {
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String hidden(Map<String, String> params) {
        StringBuilder fields = new StringBuilder();
        for (String name : List.of("client_id", "response_type", "redirect_uri", "scope", "state", "code_challenge",
                "code_challenge_method")) {
            String value = params.get(name);
            if (value != null) {
                fields.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(HtmlUtils.htmlEscape(value)).append("\">");
            }
        }
        return fields.toString();
    }

    private static ResponseEntity<String> page(HttpStatus status, String content) {
        String html = "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>飞书登录（沙箱）</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:30rem;margin:3rem auto}"
                + "button{display:block;width:100%;margin:.4rem 0;padding:.6rem;font-size:1rem}</style></head><body>"
                + content + "</body></html>";
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(html);
    }

    private static ResponseEntity<Map<String, Object>> error(int code, String error, String description) {
        HttpStatus status = code == 20050 ? HttpStatus.INTERNAL_SERVER_ERROR
                : code == 20072 ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_REQUEST;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("error", error);
        body.put("error_description", description);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static String string(Map<String, Object> body, String name) {
        Object value = body.get(name);
        return value instanceof String text && !text.isEmpty() ? text : null;
    }
}
