package io.inetpublish.auth.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.jayway.jsonpath.JsonPath;
import jakarta.servlet.http.Cookie;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.util.UriComponentsBuilder;

/** Drives the browser's side of a login through auth-service, with Feishu answered by {@link FeishuStub}. */
public final class LoginFlow {

    private final MockMvcTester mvc;
    private final WireMockServer feishu;

    public LoginFlow(MockMvcTester mvc, WireMockServer feishu) {
        this.mvc = mvc;
        this.feishu = feishu;
    }

    /** A person nobody has met yet: an open_id as Feishu's ({@code ou_} and 32 hex digits). */
    public static String someone() {
        return "ou_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** What the browser holds after {@code GET /api/auth/login}: Feishu's authorize URL and the login-state cookie. */
    public record Started(String location, Map<String, String> query, Cookie stateCookie) {

        public String state() {
            return query.get("state");
        }
    }

    public Started start(String returnTo) {
        var request = mvc.get().uri("/api/auth/login");
        if (returnTo != null) {
            request = request.param("returnTo", returnTo);
        }
        MvcTestResult result = request.exchange();
        assertThat(result).hasStatus(HttpStatus.FOUND);
        String location = result.getResponse().getHeader("Location");
        Map<String, String> query = UriComponentsBuilder.fromUriString(location).build(true).getQueryParams()
                .toSingleValueMap().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        e -> java.net.URLDecoder.decode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8)));
        String cookieValue = setCookie(result, "inetpublish_login_state").split(";", 2)[0].split("=", 2)[1];
        return new Started(location, query, new Cookie("inetpublish_login_state", cookieValue));
    }

    public MvcTestResult callback(Started started, String code) {
        return mvc.get().uri("/api/auth/callback").param("code", code).param("state", started.state())
                .cookie(started.stateCookie()).exchange();
    }

    /** A complete login as this person; returns the refresh cookie set by the callback. */
    public Cookie login(String openId, String name) {
        String code = "code-" + UUID.randomUUID();
        FeishuStub.acceptsCode(feishu, code, openId, name, openId + "@example.test");
        MvcTestResult result = callback(start("/"), code);
        assertThat(result).hasStatus(HttpStatus.FOUND);
        return refreshCookie(result);
    }

    /** {@code POST /api/auth/refresh} with this cookie; returns the new access token and the new cookie. */
    public record Refreshed(String accessToken, Cookie cookie) {

        public String bearer() {
            return "Bearer " + accessToken;
        }
    }

    public Refreshed refresh(Cookie cookie) {
        MvcTestResult result = mvc.post().uri("/api/auth/refresh").cookie(cookie).exchange();
        assertThat(result).hasStatusOk();
        String token = JsonPath.read(bodyOf(result), "$.accessToken");
        return new Refreshed(token, refreshCookie(result));
    }

    public Refreshed loginAndRefresh(String openId, String name) {
        return refresh(login(openId, name));
    }

    public static Cookie refreshCookie(MvcTestResult result) {
        String header = setCookie(result, "inetpublish_refresh");
        return new Cookie("inetpublish_refresh", header.split(";", 2)[0].split("=", 2)[1]);
    }

    public static String setCookie(MvcTestResult result, String name) {
        List<String> headers = result.getResponse().getHeaders("Set-Cookie");
        return headers.stream().filter(h -> h.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no Set-Cookie " + name + " in " + headers));
    }

    public static List<String> attributes(String setCookie) {
        return Arrays.stream(setCookie.split(";")).map(String::trim).toList();
    }

    private static String bodyOf(MvcTestResult result) {
        try {
            return result.getResponse().getContentAsString();
        } catch (java.io.UnsupportedEncodingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
