package io.inetpublish.auth.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import io.inetpublish.auth.config.AuthProperties;
import io.inetpublish.auth.feishu.FeishuLoginException;
import io.inetpublish.auth.feishu.FeishuOAuthClient;
import io.inetpublish.auth.ratelimit.RateLimiter;
import io.inetpublish.common.i18n.Messages;
import io.inetpublish.auth.token.AuthCookies;
import io.inetpublish.auth.token.RefreshTokens;
import io.inetpublish.auth.token.StoredHash;
import io.inetpublish.auth.user.PlatformUser;
import io.inetpublish.auth.user.UserDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Feishu login (authorization code + state + PKCE S256). {@code GET /api/auth/login} sends the browser to Feishu;
 * {@code GET /api/auth/callback} completes the login, sets the refresh cookie and returns the browser to the platform
 * path it came from. The single-page app then calls {@code POST /api/auth/refresh} to obtain its access token.
 */
@Tag(name = "Login",
        description = "Feishu login in the browser (authorization code with PKCE): a redirect to Feishu and back.")
@RestController
@RequestMapping("/api/auth")
@Slf4j
@RequiredArgsConstructor
class LoginController {

    private final FeishuOAuthClient feishu;
    private final LoginStates states;
    private final UserDirectory users;
    private final RefreshTokens refreshTokens;
    private final AuthCookies cookies;
    private final Messages messages;
    private final RateLimiter rateLimiter;
    private final AuthProperties properties;
    private final SecureRandom random = new SecureRandom();

    @Operation(summary = "Start the Feishu login",
            description = "Redirects the browser to Feishu. No access token needed.")
    @SecurityRequirements
    @GetMapping("/login")
    ResponseEntity<String> login(@RequestParam(required = false) String returnTo, HttpServletRequest request) {
        if (!rateLimiter.tryAcquire("login", request, properties.rateLimit().loginPerMinute())) {
            return tooMany();
        }
        String state = randomToken(32);
        String verifier = randomToken(64);
        states.save(StoredHash.of(state), verifier, ReturnTo.sanitize(returnTo));
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, feishu.authorizeUrl(state, challenge(verifier)))
                .header(HttpHeaders.SET_COOKIE, cookies.loginState(state).toString())
                .cacheControl(CacheControl.noStore())
                .build();
    }

    @Operation(summary = "Finish the Feishu login",
            description = "Feishu redirects here; sets the refresh cookie and sends the browser back to the page it "
                    + "came from.")
    @SecurityRequirements
    @GetMapping("/callback")
    ResponseEntity<String> callback(@RequestParam(required = false) String code,
            @RequestParam(required = false) String state, @RequestParam(required = false) String error,
            @CookieValue(name = AuthCookies.LOGIN_STATE, required = false) String stateCookie,
            HttpServletRequest request) {
        if (!rateLimiter.tryAcquire("login", request, properties.rateLimit().loginPerMinute())) {
            return tooMany();
        }
        if (state == null || state.isEmpty() || stateCookie == null || !MessageDigest.isEqual(
                state.getBytes(StandardCharsets.UTF_8), stateCookie.getBytes(StandardCharsets.UTF_8))) {
            log.info("Login callback refused: state does not match the browser's login");
            return failed(HttpStatus.BAD_REQUEST, "login.failed", "login.other-browser");
        }
        Optional<LoginStates.Pending> pending = states.consume(StoredHash.of(state));
        if (pending.isEmpty()) {
            return failed(HttpStatus.BAD_REQUEST, "login.expired", "login.expired-explained");
        }
        if (error != null) {
            log.info("Login callback: Feishu reports {}", error);
            return "access_denied".equals(error)
                    ? failed(HttpStatus.FORBIDDEN, "login.denied", "login.denied-explained")
                    : failed(HttpStatus.BAD_REQUEST, "login.failed", "login.not-authorized");
        }
        if (code == null || code.isBlank()) {
            return failed(HttpStatus.BAD_REQUEST, "login.failed", "login.no-code");
        }
        PlatformUser user;
        try {
            user = users.recordLogin(feishu.login(code, pending.get().codeVerifier()));
        } catch (FeishuLoginException ex) {
            if (ex.rejected()) {
                return failed(HttpStatus.BAD_REQUEST, "login.failed", "login.code-rejected", ex.feishuCode());
            }
            log.warn("Login failed, Feishu unavailable: {}", ex.getMessage());
            return failed(HttpStatus.SERVICE_UNAVAILABLE, "login.feishu-unavailable",
                    "login.feishu-unavailable-explained");
        }
        if (user.isDisabled()) {
            log.info("Login of {} ({}) refused: disabled", user.getOpenId(), user.getName());
            return failed(HttpStatus.FORBIDDEN, "login.disabled", "login.disabled-explained");
        }
        RefreshTokens.Issued refresh = refreshTokens.startFamily(user.getId());
        log.info("{} ({}) logged in", user.getOpenId(), user.getName());
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, pending.get().returnTo())
                .header(HttpHeaders.SET_COOKIE, cookies.refresh(refresh).toString())
                .header(HttpHeaders.SET_COOKIE, cookies.clearLoginState().toString())
                .cacheControl(CacheControl.noStore())
                .build();
    }

    /** The page in the browser's language ({@code Accept-Language}: Chinese unless it asks for English). */
    private ResponseEntity<String> failed(HttpStatus status, String title, String explanation, Object... args) {
        ResponseEntity<String> page = ErrorPage.of(status, messages, title, explanation, args);
        return ResponseEntity.status(page.getStatusCode()).headers(page.getHeaders())
                .header(HttpHeaders.SET_COOKIE, cookies.clearLoginState().toString()).body(page.getBody());
    }

    private ResponseEntity<String> tooMany() {
        ResponseEntity<String> page = ErrorPage.of(HttpStatus.TOO_MANY_REQUESTS, messages, "login.too-many",
                "login.too-many-explained");
        return ResponseEntity.status(page.getStatusCode()).headers(page.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(rateLimiter.retryAfterSeconds())).body(page.getBody());
    }

    private String randomToken(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** PKCE S256: BASE64URL(SHA-256(ASCII(code_verifier))). */
    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
