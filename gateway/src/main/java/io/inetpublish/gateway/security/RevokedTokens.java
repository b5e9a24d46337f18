package io.inetpublish.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Access tokens that are still within their 15 minutes but no longer count: every token of a login session that
 * ended (logout, a reused refresh token), and a person's tokens issued before their role changed. auth-service lists them ({@code GET /actuator/revocations} on its management port, only the last token lifetime); the
 * gateway fetches the list every few seconds and refuses those tokens with 401 {@code invalid_token}, so the web
 * app refreshes once (getting the new role) or goes to the login.
 * <p>
 * With several auth-service instances ({@code lb://auth-service/actuator/revocations}) the gateway asks the instances
 * its registry knows, each on the management port it announces, until one answers.
 * <p>
 * When auth-service cannot be reached the last list stays in force and the gateway keeps working; the seconds since
 * the last fetch (since the start, before the first) show as {@code inetpublish_gateway_revocations_age_seconds}.
 * The services behind the gateway do not consult the list: they are reachable only from inside the platform's
 * network.
 */
final class RevokedTokens implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RevokedTokens.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Listing(List<EndedSession> sessions, List<ChangedUser> users) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record EndedSession(String sid) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ChangedUser(String uid, String role, Instant changedAt) {
    }

    /** the ended sessions' ids; uid → the person's latest role change */
    private record Known(Set<String> sessions, Map<String, ChangedUser> users, Instant fetchedAt) {
    }

    private final WebClient web;
    private final String uri;
    private final Supplier<List<String>> addresses;
    private final Duration interval;
    private final Clock clock;
    private final Instant startedAt;
    private volatile Known known;
    private volatile boolean failing;
    private Disposable polling;

    RevokedTokens(WebClient web, String uri, Duration interval, Clock clock, MeterRegistry meters) {
        this(web, uri, () -> List.of(uri), interval, clock, meters);
    }

    /**
     * @param uri what the logs call the list's address
     * @param addresses where the list can be fetched now, tried in this order until one answers (several auth-service
     *            instances: any of them has the same list, read from its database)
     */
    RevokedTokens(WebClient web, String uri, Supplier<List<String>> addresses, Duration interval, Clock clock,
            MeterRegistry meters) {
        this.web = web;
        this.uri = uri;
        this.addresses = addresses;
        this.interval = interval;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.known = new Known(Set.of(), Map.of(), null);
        Gauge.builder("inetpublish.gateway.revocations.age", this, RevokedTokens::ageSeconds)
                .description("Seconds since the gateway last fetched the list of revoked access tokens "
                        + "(since it started, before the first fetch)")
                .baseUnit("seconds").register(meters);
        Gauge.builder("inetpublish.gateway.revocations.listed", this, r -> r.known.sessions().size()
                        + r.known.users().size())
                .description("Sessions and people on the gateway's list of revoked access tokens").register(meters);
    }

    /** Refuses a revoked token the way a bad one is refused; otherwise converts it as usual. */
    Converter<Jwt, Mono<AbstractAuthenticationToken>> refusing(
            Converter<Jwt, Mono<AbstractAuthenticationToken>> convert) {
        return jwt -> isRevoked(jwt)
                ? Mono.error(new InvalidBearerTokenException("The access token was revoked"))
                : convert.convert(jwt);
    }

    boolean isRevoked(Jwt jwt) {
        Known now = known;
        String sid = jwt.getClaimAsString("sid");
        if (sid != null && now.sessions().contains(sid)) {
            return true;
        }
        String uid = jwt.getClaimAsString("uid");
        ChangedUser changed = uid == null ? null : now.users().get(uid);
        if (changed == null) {
            return false;
        }
        // iat has whole seconds. Issued in an earlier second than the change: refused. In the same second: refused
        // only with another role (the refresh may have read the role before the change committed). Later: accepted,
        // even when this list is a few seconds old and does not know the role changed again since.
        Instant changedAt = changed.changedAt().truncatedTo(ChronoUnit.SECONDS);
        Instant issuedAt = jwt.getIssuedAt();
        boolean otherRole = !List.of(changed.role()).equals(jwt.getClaimAsStringList("roles"));
        if (issuedAt == null) {
            return otherRole;
        }
        return issuedAt.isBefore(changedAt) || (issuedAt.equals(changedAt) && otherRole);
    }

    /** Fetches the list once; on failure the last one stays. */
    Mono<Void> refresh() {
        Duration timeout = interval.compareTo(FETCH_TIMEOUT) < 0 ? interval : FETCH_TIMEOUT;
        AtomicReference<Throwable> lastError = new AtomicReference<>();
        return Mono.fromSupplier(addresses)
                .flatMapMany(Flux::fromIterable)
                .concatMap(address -> web.get().uri(address).retrieve().bodyToMono(Listing.class).timeout(timeout)
                        .onErrorResume(e -> {
                            lastError.set(e);
                            return Mono.empty();
                        }), 1)
                .next()
                .switchIfEmpty(Mono.defer(() -> Mono.error(lastError.get() != null ? lastError.get()
                        : new IllegalStateException("no auth-service instance is known"))))
                .doOnNext(this::replace)
                .doOnError(e -> {
                    if (!failing) {
                        Instant fetchedAt = known.fetchedAt();
                        log.warn("Cannot fetch revoked access tokens from {} ({}): {}", uri, fetchedAt == null
                                ? "none fetched yet" : "keeping the list fetched at " + fetchedAt, e.toString());
                    }
                    failing = true;
                })
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    private void replace(Listing listing) {
        known = new Known(
                listing.sessions() == null ? Set.of() : listing.sessions().stream().map(EndedSession::sid)
                        .filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet()),
                listing.users() == null ? Map.of() : listing.users().stream()
                        .filter(u -> u.uid() != null && u.role() != null && u.changedAt() != null)
                        .collect(Collectors.toUnmodifiableMap(ChangedUser::uid, u -> u,
                                (a, b) -> a.changedAt().isAfter(b.changedAt()) ? a : b)),
                clock.instant());
        if (failing) {
            log.info("Fetching revoked access tokens from {} works again", uri);
        }
        failing = false;
    }

    private double ageSeconds() {
        Instant fetchedAt = known.fetchedAt();
        return Duration.between(fetchedAt == null ? startedAt : fetchedAt, clock.instant()).toMillis() / 1000.0;
    }

    @Override
    public void afterPropertiesSet() {
        // a tick while a fetch is still running is dropped, so a slow auth-service never ends the polling
        polling = Flux.interval(Duration.ZERO, interval).onBackpressureDrop().concatMap(tick -> refresh(), 1)
                .subscribe(null, e -> log.error("Polling for revoked access tokens stopped", e));
    }

    @Override
    public void destroy() {
        if (polling != null) {
            polling.dispose();
        }
    }
}
