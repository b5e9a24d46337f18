package io.inetpublish.auth.token;

import java.time.Clock;
import java.time.Duration;

import io.inetpublish.auth.config.AuthProperties;
import lombok.RequiredArgsConstructor;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The cookies of the login: the refresh token (HttpOnly, Secure, SameSite=Strict, sent only to
 * {@value #REFRESH_PATH}) and the login state that binds Feishu's callback to the browser that started the login
 * (SameSite=Lax: the callback is a top-level navigation coming from Feishu).
 */
@Component
@RequiredArgsConstructor
public class AuthCookies {

    public static final String REFRESH = "inetpublish_refresh";
    public static final String REFRESH_PATH = "/api/auth/refresh";
    public static final String LOGIN_STATE = "inetpublish_login_state";
    public static final String CALLBACK_PATH = "/api/auth/callback";

    private final AuthProperties properties;
    private final Clock clock;

    /**
     * The refresh cookie lasts as long as its token: the browser forgets it when the session reaches
     * {@code AUTH_SESSION_MAX_LIFETIME}, so each refresh hands out a shorter one (never a fresh full lifetime).
     */
    public ResponseCookie refresh(RefreshTokens.Issued issued) {
        Duration left = Duration.between(clock.instant(), issued.expiresAt());
        return ResponseCookie.from(REFRESH, issued.token()).path(REFRESH_PATH).httpOnly(true)
                .secure(properties.cookieSecure()).sameSite("Strict")
                .maxAge(left.isNegative() ? Duration.ZERO : left).build();
    }

    public ResponseCookie clearRefresh() {
        return ResponseCookie.from(REFRESH, "").path(REFRESH_PATH).httpOnly(true).secure(properties.cookieSecure())
                .sameSite("Strict").maxAge(Duration.ZERO).build();
    }

    public ResponseCookie loginState(String state) {
        return ResponseCookie.from(LOGIN_STATE, state).path(CALLBACK_PATH).httpOnly(true)
                .secure(properties.cookieSecure()).sameSite("Lax").maxAge(properties.loginStateTtl()).build();
    }

    public ResponseCookie clearLoginState() {
        return ResponseCookie.from(LOGIN_STATE, "").path(CALLBACK_PATH).httpOnly(true)
                .secure(properties.cookieSecure()).sameSite("Lax").maxAge(Duration.ZERO).build();
    }
}
