package io.inetpublish.auth.token.web;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.inetpublish.auth.config.AuthProperties;
import io.inetpublish.auth.ratelimit.RateLimiter;
import io.inetpublish.auth.token.AccessTokens;
import io.inetpublish.auth.token.AuthCookies;
import io.inetpublish.auth.token.RefreshTokens;
import io.inetpublish.auth.token.SigningKeys;
import io.inetpublish.auth.user.PlatformUser;
import io.inetpublish.auth.user.UserDirectory;
import io.inetpublish.common.i18n.Messages;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform's tokens. After the login redirect the single-page app calls {@code POST /api/auth/refresh} (the
 * browser sends the HttpOnly refresh cookie) and receives its access token in the body; it calls it again shortly
 * before {@code expiresAt}. Each refresh replaces the refresh cookie.
 */
@Tag(name = "Sessions and keys",
        description = "The web app's access token from its refresh cookie, logout, the public keys that verify "
                + "tokens, key rotation.")
@RestController
@RequestMapping("/api/auth")
@RequiredArgsConstructor
class TokenController {

    private final RefreshTokens refreshTokens;
    private final AccessTokens accessTokens;
    private final SigningKeys signingKeys;
    private final UserDirectory users;
    private final AuthCookies cookies;
    private final RateLimiter rateLimiter;
    private final AuthProperties properties;
    private final Messages messages;

    record TokenResponse(String accessToken, String tokenType, long expiresIn, Instant expiresAt) {
    }

    @Operation(summary = "Get a new access token with the refresh cookie",
            description = "The browser sends the HttpOnly refresh cookie, which is replaced; no access token "
                    + "needed; limited per client and minute.")
    @SecurityRequirements
    @ApiResponse(responseCode = "401", description = "No refresh cookie, or its session ended (`login-required`)")
    @ApiResponse(responseCode = "429", description = "Too many refreshes from this client (`rate-limited`)")
    @PostMapping("/refresh")
    ResponseEntity<?> refresh(@CookieValue(name = AuthCookies.REFRESH, required = false) String refreshCookie,
            HttpServletRequest request) {
        if (!rateLimiter.tryAcquire("refresh", request, properties.rateLimit().refreshPerMinute())) {
            ProblemDetail problem = problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                    messages.text("auth.refresh-rate-limited"));
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(rateLimiter.retryAfterSeconds())).body(problem);
        }
        var rotated = refreshCookie == null || refreshCookie.isBlank() ? java.util.Optional.<RefreshTokens.Issued>empty()
                : refreshTokens.rotate(refreshCookie);
        if (rotated.isEmpty()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.SET_COOKIE, cookies.clearRefresh().toString())
                    .cacheControl(CacheControl.noStore())
                    .body(problem(HttpStatus.UNAUTHORIZED, "login-required",
                            messages.text("auth.session-ended")));
        }
        RefreshTokens.Issued issued = rotated.get();
        PlatformUser user = users.get(issued.userId());
        AccessTokens.AccessToken access = accessTokens.issue(user, issued.familyId());
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, cookies.refresh(issued).toString())
                .cacheControl(CacheControl.noStore())
                .body(new TokenResponse(access.value(), "Bearer", properties.accessTokenTtl().toSeconds(),
                        access.expiresAt()));
    }

    /** Ends this login session: its refresh tokens stop working everywhere; the cookie is removed. */
    @Operation(summary = "Log out", description = "Ends this login session everywhere and removes the cookie.")
    @PostMapping("/logout")
    ResponseEntity<Void> logout(@AuthenticationPrincipal Jwt jwt) {
        String sid = jwt.getClaimAsString("sid");
        if (sid != null) {
            refreshTokens.revokeFamily(UUID.fromString(sid), "LOGOUT");
        }
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cookies.clearRefresh().toString()).build();
    }

    /** The public keys (current and previous) that verify access tokens. */
    @Operation(summary = "The public keys that verify access tokens (JWKS)", description = "No access token needed.")
    @SecurityRequirements
    @GetMapping({"/jwks", "/.well-known/jwks.json"})
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
                .body(signingKeys.published().toJSONObject(true));
    }

    record RotatedKey(String kid) {
    }

    /** Starts signing with a new key now (admins); nobody is logged out. */
    @Operation(summary = "Sign with a new key from now on", description = "Admin. Nobody is logged out.")
    @PostMapping("/keys/rotate")
    RotatedKey rotateKey() {
        return new RotatedKey(signingKeys.rotate());
    }

    private static ProblemDetail problem(HttpStatus status, String kind, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://inetpublish.io/problems/" + kind));
        return problem;
    }
}
