package io.inetpublish.auth.integration.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import io.inetpublish.auth.integration.IntegrationTokens;
import io.inetpublish.auth.integration.IntegrationTokens.ExchangeRefused;
import io.inetpublish.auth.ratelimit.RateLimiter;
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
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The token endpoint for machines: OAuth 2.0 client credentials (RFC 6749 §4.4). A CI posts
 * {@code grant_type=client_credentials} with its integration token's {@code client_id} and {@code client_secret}
 * (form fields, or HTTP Basic as in §2.3.1), optionally {@code scope} (a subset), and receives a short access token
 * (§5.1). Errors carry RFC 6749's {@code error} code (§5.2) inside an RFC 9457 problem: {@code invalid_client}
 * (unknown, wrong secret or revoked: 401), {@code unsupported_grant_type}, {@code invalid_request},
 * {@code invalid_scope} (400).
 */
@Tag(name = "Machine tokens",
        description = "OAuth 2.0 client credentials: an integration token is exchanged for a 5-minute access token "
                + "with its scopes.")
@RestController
@RequiredArgsConstructor
class ClientCredentialsController {

    private final IntegrationTokens tokens;
    private final RateLimiter rateLimiter;
    private final Messages messages;

    @Operation(summary = "Exchange an integration token for an access token",
            description = "Form fields grant_type=client_credentials, client_id, client_secret (or HTTP Basic), "
                    + "optionally scope. No access token needed; limited per client and minute.")
    @SecurityRequirements
    @ApiResponse(responseCode = "400", description = "An OAuth 2.0 error, named in `error` (`oauth-error`)")
    @ApiResponse(responseCode = "401", description = "Unknown or revoked integration token (`invalid-client`)")
    @ApiResponse(responseCode = "429", description = "Too many exchanges from this client (`rate-limited`)")
    @PostMapping(path = "/api/auth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<?> token(@RequestParam(name = "grant_type", required = false) String grantType,
            @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(name = "client_secret", required = false) String clientSecret,
            @RequestParam(name = "scope", required = false) String scope,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            HttpServletRequest request) {
        if (!rateLimiter.tryAcquire("token", request, tokens.properties().exchangePerMinute())) {
            ResponseEntity<ProblemDetail> limited = error(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", null,
                    "auth.token-rate-limited");
            return ResponseEntity.status(limited.getStatusCode()).headers(limited.getHeaders())
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(rateLimiter.retryAfterSeconds()))
                    .body(limited.getBody());
        }
        if (!"client_credentials".equals(grantType)) {
            return error(HttpStatus.BAD_REQUEST, "oauth-error", "unsupported_grant_type",
                    "auth.grant-type");
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] basic = basic(authorization.substring(6).strip());
            if (basic == null || clientId != null || clientSecret != null) {
                return error(HttpStatus.BAD_REQUEST, "oauth-error", "invalid_request",
                        "auth.client-credentials-twice");
            }
            clientId = basic[0];
            clientSecret = basic[1];
        }
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            return error(HttpStatus.UNAUTHORIZED, "invalid-client", "invalid_client",
                    "auth.client-credentials-missing");
        }
        List<String> requested = scope == null || scope.isBlank() ? List.of()
                : Arrays.stream(scope.strip().split(" +")).toList();
        try {
            IntegrationTokens.Exchanged exchanged = tokens.exchange(clientId, clientSecret, requested);
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache")
                    .body(new TokenResponse(exchanged.accessToken().value(), "Bearer",
                            tokens.properties().accessTokenTtl().toSeconds(), String.join(" ", exchanged.scopes())));
        } catch (ExchangeRefused refused) {
            return error(HttpStatus.UNAUTHORIZED, "invalid-client", "invalid_client",
                    refused.refusal() == IntegrationTokens.Refusal.REVOKED ? "auth.client-revoked"
                            : "auth.client-unknown");
        } catch (IllegalArgumentException unknownScope) {
            return error(HttpStatus.BAD_REQUEST, "oauth-error", "invalid_scope",
                    "auth.client-scope", unknownScope.getMessage());
        }
    }

    /** RFC 6749 §5.1 (snake_case names as the RFC spells them). */
    record TokenResponse(String access_token, String token_type, long expires_in, String scope) {
    }

    /**
     * The problem in the caller's language ({@code Accept-Language}); RFC 6749's {@code error_description} is for
     * the client's developer and limited to ASCII (§5.2), so it is always the English text.
     */
    private ResponseEntity<ProblemDetail> error(HttpStatus status, String kind, String oauthError, String code,
            Object... args) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, messages.text(code, args));
        problem.setType(URI.create("https://inetpublish.io/problems/" + kind));
        if (oauthError != null) {
            problem.setProperty("error", oauthError);
            problem.setProperty("error_description", messages.text(Locale.ENGLISH, code, args));
        }
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"inetpublish\"");
        }
        return builder.body(problem);
    }

    /** {@code client_id:client_secret}, each form-urlencoded (RFC 6749 §2.3.1); null when malformed. */
    private static String[] basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new String[] {java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
