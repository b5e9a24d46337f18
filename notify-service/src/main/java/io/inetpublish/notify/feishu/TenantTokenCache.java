package io.inetpublish.notify.feishu;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import io.inetpublish.notify.settings.SettingsService.AppCredentials;

/**
 * The app's {@code tenant_access_token}, kept until {@code margin} before it expires (the SDK keeps it for
 * {@code expire − 3 min}) and dropped when Feishu calls it invalid. One token per app id and secret, so changed
 * settings fetch a new one.
 */
final class TenantTokenCache {

    /** A token as Feishu issued it. */
    record IssuedToken(String token, Duration expiresIn) {

        @Override
        public String toString() {
            return "IssuedToken[expiresIn=" + expiresIn + "]";
        }
    }

    private record Cached(String appId, String appSecret, String token, Instant refreshAt) {
    }

    private final Function<AppCredentials, IssuedToken> fetcher;
    private final Clock clock;
    private final Duration margin;
    private Cached cached;

    TenantTokenCache(Function<AppCredentials, IssuedToken> fetcher, Clock clock, Duration margin) {
        this.fetcher = fetcher;
        this.clock = clock;
        this.margin = margin;
    }

    synchronized String get(AppCredentials app) {
        Cached current = cached;
        if (current != null && current.appId().equals(app.appId()) && current.appSecret().equals(app.appSecret())
                && clock.instant().isBefore(current.refreshAt())) {
            return current.token();
        }
        IssuedToken issued = fetcher.apply(app);
        cached = new Cached(app.appId(), app.appSecret(), issued.token(),
                clock.instant().plus(issued.expiresIn()).minus(margin));
        return issued.token();
    }

    /** Forgets the token Feishu just refused (if it is still the cached one). */
    synchronized void invalidate(String token) {
        if (cached != null && cached.token().equals(token)) {
            cached = null;
        }
    }
}
