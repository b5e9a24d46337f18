package io.inetpublish.auth.token;

import static io.inetpublish.auth.support.LoginFlow.someone;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.inetpublish.auth.support.AuthIntegrationTest;
import io.inetpublish.auth.support.LoginFlow;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@AuthIntegrationTest
class RefreshIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    WireMockServer feishu;

    LoginFlow flow;

    @BeforeEach
    void setUp() {
        flow = new LoginFlow(mvc, feishu);
    }

    @Test
    void givesTheAppAnAccessTokenAndAFreshCookieEachTime() {
        Cookie first = flow.login(someone(), "钱七");

        MvcTestResult result = mvc.post().uri("/api/auth/refresh").cookie(first).exchange();

        assertThat(result).hasStatusOk().hasHeader("Cache-Control", "no-store").bodyJson()
                .hasPathSatisfying("$.tokenType", v -> v.assertThat().isEqualTo("Bearer"))
                .hasPathSatisfying("$.expiresIn", v -> v.assertThat().isEqualTo(900));
        Cookie second = LoginFlow.refreshCookie(result);
        assertThat(second.getValue()).isNotEqualTo(first.getValue());
        assertThat(LoginFlow.attributes(LoginFlow.setCookie(result, "inetpublish_refresh")))
                .contains("Path=/api/auth/refresh", "HttpOnly", "Secure", "SameSite=Strict");
        assertThat(mvc.post().uri("/api/auth/refresh").cookie(second)).hasStatusOk();
    }

    @Autowired
    JdbcClient jdbc;

    /** As if the token had been rotated this many seconds earlier. */
    void rotatedSecondsAgo(Cookie cookie, int seconds) {
        jdbc.sql("update refresh_token set rotated_at = rotated_at - make_interval(secs => :s) where token_hash = :h")
                .param("s", seconds).param("h", StoredHash.of(cookie.getValue())).update();
    }

    @Test
    void reuseOfARotatedTokenRevokesTheWholeFamily() {
        Cookie first = flow.login(someone(), "孙八");
        LoginFlow.Refreshed legit = flow.refresh(first);
        // past the grace in which another tab of the same browser may still send it
        rotatedSecondsAgo(first, 11);

        // someone replays the stolen, already rotated token
        assertThat(mvc.post().uri("/api/auth/refresh").cookie(first)).hasStatus(HttpStatus.UNAUTHORIZED)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);

        // and the legitimate holder's newer token is dead too: everyone of that login must log in again
        assertThat(mvc.post().uri("/api/auth/refresh").cookie(legit.cookie())).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void twoTabsRefreshingAtOnceKeepTheSession() throws Exception {
        Cookie shared = flow.login(someone(), "郑一");

        // both tabs send the same cookie at the same moment (issue 21, item 7: was [401, 200] and a dead session)
        var pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<MvcTestResult>> tabs = List.of(
                    pool.submit(() -> mvc.post().uri("/api/auth/refresh").cookie(shared).exchange()),
                    pool.submit(() -> mvc.post().uri("/api/auth/refresh").cookie(shared).exchange()));
            for (Future<MvcTestResult> tab : tabs) {
                MvcTestResult result = tab.get(30, TimeUnit.SECONDS);
                assertThat(result).hasStatusOk();
                // each tab's new cookie and token keep working
                Cookie renewed = LoginFlow.refreshCookie(result);
                assertThat(mvc.post().uri("/api/auth/refresh").cookie(renewed)).hasStatusOk();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSessionEndsAfterItsAbsoluteLifetimeHoweverOftenItIsRefreshed() {
        Cookie cookie = flow.login(someone(), "王二");
        Cookie renewed = flow.refresh(cookie).cookie();
        jdbc.sql("""
                update refresh_family set created_at = created_at - interval '12 hours 1 minute'
                where id = (select family_id from refresh_token where token_hash = :h)""")
                .param("h", StoredHash.of(renewed.getValue())).update();

        assertThat(mvc.post().uri("/api/auth/refresh").cookie(renewed)).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void theRefreshCookieLastsOnlyUntilTheSessionEnds() {
        Cookie cookie = flow.login(someone(), "郑十一");
        jdbc.sql("""
                update refresh_family set created_at = created_at - interval '1 hour'
                where id = (select family_id from refresh_token where token_hash = :h)""")
                .param("h", StoredHash.of(cookie.getValue())).update();

        MvcTestResult refreshed = mvc.post().uri("/api/auth/refresh").cookie(cookie).exchange();

        assertThat(refreshed).hasStatusOk();
        String maxAge = LoginFlow.attributes(LoginFlow.setCookie(refreshed, "inetpublish_refresh")).stream()
                .filter(a -> a.startsWith("Max-Age=")).findFirst().orElseThrow().substring("Max-Age=".length());
        assertThat(Long.parseLong(maxAge)).isBetween(11 * 3600L - 60, 11 * 3600L);
    }

    @Test
    void anotherLoginOfTheSamePersonIsNotAffectedByTheRevokedFamily() {
        String openId = someone();
        Cookie laptop = flow.login(openId, "周九");
        Cookie phone = flow.login(openId, "周九");
        flow.refresh(laptop);
        rotatedSecondsAgo(laptop, 11);
        mvc.post().uri("/api/auth/refresh").cookie(laptop).exchange();

        assertThat(mvc.post().uri("/api/auth/refresh").cookie(phone)).hasStatusOk();
    }

    @Test
    void refusesWithoutACookieOrWithAnUnknownOne() {
        assertThat(mvc.post().uri("/api/auth/refresh")).hasStatus(HttpStatus.UNAUTHORIZED).bodyJson()
                .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("https://inetpublish.io/problems/login-required"))
                .hasPathSatisfying("$.detail", v -> v.assertThat().isEqualTo("尚未登录或登录会话已结束，请重新登录"));
        assertThat(mvc.post().uri("/api/auth/refresh").header("Accept-Language", "en")).bodyJson()
                .hasPathSatisfying("$.detail",
                        v -> v.assertThat().isEqualTo("Not logged in, or the session ended; log in again."));
        assertThat(mvc.post().uri("/api/auth/refresh").cookie(new Cookie("inetpublish_refresh", "made-up")))
                .hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void logoutEndsTheSession() {
        LoginFlow.Refreshed session = flow.loginAndRefresh(someone(), "吴十");

        MvcTestResult logout = mvc.post().uri("/api/auth/logout").header("Authorization", session.bearer()).exchange();

        assertThat(logout).hasStatus(HttpStatus.NO_CONTENT);
        assertThat(LoginFlow.setCookie(logout, "inetpublish_refresh")).contains("Max-Age=0");
        assertThat(mvc.post().uri("/api/auth/refresh").cookie(session.cookie())).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void logoutNeedsAnAccessToken() {
        assertThat(mvc.post().uri("/api/auth/logout")).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void limitsHowOftenOneClientMayRefresh() {
        String client = "192.0.2." + (int) (Math.random() * 200 + 1);
        int calls = 0;
        MvcTestResult last;
        do {
            last = mvc.post().uri("/api/auth/refresh").header("X-InetPublish-Client", client).exchange();
            calls++;
        } while (last.getResponse().getStatus() != 429 && calls < 700);

        // 300 a minute are allowed (a minute boundary during the loop allows at most 300 more)
        assertThat(calls).isBetween(301, 601);
        assertThat(last).containsHeader("Retry-After").bodyJson()
                .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("https://inetpublish.io/problems/rate-limited"))
                .hasPathSatisfying("$.detail", v -> v.assertThat().isEqualTo("刷新登录过于频繁，请一分钟后再试"));
        // the same refusal in the language the client asks for
        assertThat(mvc.post().uri("/api/auth/refresh").header("X-InetPublish-Client", client)
                .header("Accept-Language", "en")).hasStatus(HttpStatus.TOO_MANY_REQUESTS).bodyJson()
                .hasPathSatisfying("$.detail",
                        v -> v.assertThat().isEqualTo("Too many refresh attempts; try again in a minute."));
    }
}
