package io.inetpublish.gateway.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The answers the gateway gives itself (no service involved) as RFC 9457 problem details, in the person's language:
 * Chinese unless {@code Accept-Language} prefers English (issue 16, item 5). The same {@code type}s the services use
 * ({@code https://inetpublish.io/problems/<kind>}).
 */
final class GatewayProblems {

    record Text(String zhTitle, String zhDetail, String enTitle, String enDetail) {
    }

    private static final Map<String, Text> TEXTS = Map.ofEntries(
            Map.entry("invalid-path", new Text("请求无效", "请求路径包含不允许的片段。",
                    "Bad Request", "The request path contains segments that are not allowed.")),
            Map.entry("body-not-allowed", new Text("请求无效", "读取类请求（GET、HEAD）不能带请求体。",
                    "Bad Request", "A read (GET, HEAD) carries no request body.")),
            Map.entry("bad-request", new Text("请求无效", "网关无法处理这个请求。",
                    "Bad Request", "The gateway cannot handle this request.")),
            Map.entry("unauthorized", new Text("需要登录", "需要有效的登录凭证（访问令牌缺失、无效、过期或已被撤销）。请重新登录。",
                    "Unauthorized", "A valid access token is required (it is missing, invalid, expired or revoked). Log in again.")),
            Map.entry("forbidden", new Text("没有权限", "你的角色不能执行这个操作。",
                    "Forbidden", "Your role does not allow this.")),
            Map.entry("not-found", new Text("不存在", "这个地址没有对应的接口。",
                    "Not Found", "Nothing answers at this address.")),
            // the services' own 413 has this type too (io.inetpublish.common.web.RequestBodyLimitFilter)
            Map.entry("body-too-large", new Text("内容过大", "请求内容超过了%s，未保存任何内容。",
                    "Content Too Large", "The request body is larger than %s; nothing was stored.")),
            Map.entry("rate-limited", new Text("请求过于频繁", "请求过于频繁，请稍后再试。",
                    "Too Many Requests", "Too many requests; try again later.")),
            Map.entry("service-unavailable", new Text("服务暂时不可用", "后端服务暂时无法应答，什么也没有改变。请稍后重试。",
                    "Service Unavailable", "The service behind the gateway cannot answer right now; nothing was changed. Try again later.")),
            Map.entry("token-unverifiable", new Text("服务暂时不可用", "暂时无法校验访问令牌，什么也没有改动，请几秒后重试。",
                    "Service Unavailable", "The access token cannot be checked right now; nothing was changed. Try again in a few seconds.")),
            Map.entry("gateway-timeout", new Text("服务响应超时", "后端服务没有及时应答。读取类请求什么也没有改变，请稍后重试。",
                    "Gateway Timeout", "The service behind the gateway did not answer in time. Try again later.")),
            Map.entry("internal-error", new Text("网关出错了", "网关处理请求时出错，请稍后重试。",
                    "Internal Server Error", "The gateway failed to handle the request. Try again later.")));

    private GatewayProblems() {
    }

    static String kindOf(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 413 -> "body-too-large";
            case 429 -> "rate-limited";
            case 502, 503 -> "service-unavailable";
            case 504 -> "gateway-timeout";
            default -> status.is5xxServerError() ? "internal-error" : "bad-request";
        };
    }

    /** English when the request prefers it over Chinese; Chinese otherwise (the platform's default). */
    static boolean english(ServerHttpRequest request) {
        String header = request.getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE);
        if (header == null || header.isBlank()) {
            return false;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                String language = range.getRange().toLowerCase(Locale.ROOT);
                if (language.startsWith("zh")) {
                    return false;
                }
                if (language.startsWith("en")) {
                    return true;
                }
            }
        } catch (IllegalArgumentException ex) {
            return false;
        }
        return false;
    }

    /** Sets the problem's content type and language on {@code headers}; returns the body. */
    static byte[] body(HttpStatusCode status, String kind, ServerHttpRequest request, HttpHeaders headers) {
        return body(status, kind, request, headers, null);
    }

    /**
     * As {@link #body(HttpStatusCode, String, ServerHttpRequest, HttpHeaders)}, with the limit a 413 names
     * ({@code maxBytes}, or null when not known).
     */
    static byte[] body(HttpStatusCode status, String kind, ServerHttpRequest request, HttpHeaders headers,
            Long maxBytes) {
        Text text = TEXTS.getOrDefault(kind, TEXTS.get(kindOf(status)));
        boolean english = english(request);
        String limit = maxBytes != null ? readable(maxBytes) : english ? "the allowed size" : "允许的大小";
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLanguage(english ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE);
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        String json = "{\"type\":\"https://inetpublish.io/problems/" + kind + "\",\"title\":" + quote(english
                ? text.enTitle() : text.zhTitle()) + ",\"status\":" + status.value() + ",\"detail\":" + quote((english
                ? text.enDetail() : text.zhDetail()).replace("%s", limit)) + ",\"instance\":" + quote(request.getPath().value()) + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code 2097152} as "2 MB"; sizes that are not whole megabytes in bytes. */
    static String readable(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static List<String> kinds() {
        return List.copyOf(TEXTS.keySet());
    }
}
