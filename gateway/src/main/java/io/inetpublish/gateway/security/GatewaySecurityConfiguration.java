package io.inetpublish.gateway.security;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The gateway checks the platform's access token on every {@code /api/**} call except the login itself
 * (login, callback, refresh, JWKS): ES256 only, a key auth-service publishes, {@code iss}, {@code aud} and expiry
 * as every service checks them. The services check the token again; the gateway passes it on unchanged and never
 * passes on identity headers a client sent ({@link ForgedIdentityHeadersFilter}), and refuses tokens auth-service
 * lists as revoked ({@link RevokedTokens}). The web app's pages are public.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class GatewaySecurityConfiguration {

    static final String[] OPEN = {"/api/auth/login", "/api/auth/callback", "/api/auth/refresh", "/api/auth/jwks",
            "/api/auth/.well-known/jwks.json"};

    @Bean
    SecurityWebFilterChain gatewaySecurityFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
            RevokedTokens revokedTokens) {
        var convert = new ReactiveJwtAuthenticationConverterAdapter(new JwtAuthenticationConverter());
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.disable())
                // the web app and the services decide their own caching (hashed assets, JWKS max-age)
                .headers(headers -> headers.cache(cache -> cache.disable()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // the open calls, then /api/** for the authenticated, the rest (the web app) for anyone: GatewayAccess
                .authorizeExchange(exchanges -> exchanges.anyExchange().access(new GatewayAccess()))
                .oauth2ResourceServer(resourceServer -> resourceServer.bearerTokenConverter(new BearerTokens())
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder)
                        .jwtAuthenticationConverter(revokedTokens.refusing(convert))))
                .build();
    }

    /** auth-service's JWKS: {@code http://host:port/api/auth/jwks}, or by Eureka name {@code lb://auth-service/...}. */
    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder jwtDecoder(@Value("${inetpublish.security.jwks-uri}") String jwksUri,
            @Value("${inetpublish.security.issuer}") String issuer,
            @Value("${inetpublish.security.audience}") String audience,
            @Value("${inetpublish.security.jwks-refetch-interval:10s}") Duration jwksRefetchInterval,
            ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancer) {
        return remoteDecoder(new PublishedKeys(webClientFor(jwksUri, loadBalancer), plainUri(jwksUri),
                Duration.ofMinutes(5), jwksRefetchInterval, Clock.systemUTC()), issuer, audience);
    }

    /** ES256 against the published keys, the claims as every service checks them, verified tokens remembered. */
    static ReactiveJwtDecoder remoteDecoder(PublishedKeys keys, String issuer, String audience) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys)
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        decoder.setJwtValidator(validator(issuer, audience));
        return new VerifiedTokenCache(decoder, Clock.systemUTC(), 10_000);
    }

    /** auth-service's list of revoked access tokens, fetched every few seconds ({@link RevokedTokens}). */
    @Bean
    RevokedTokens revokedTokens(@Value("${inetpublish.security.revocations-uri}") String revocationsUri,
            @Value("${inetpublish.security.revocations-interval:5s}") Duration interval, MeterRegistry meters,
            ObjectProvider<DiscoveryClient> discovery) {
        if (!revocationsUri.startsWith("lb://")) {
            return new RevokedTokens(WebClient.create(), revocationsUri, interval, Clock.systemUTC(), meters);
        }
        // lb://auth-service/actuator/revocations: the list is served on the management port, which the load balancer
        // does not know; every instance announces it in its Eureka metadata (management.port)
        URI byName = URI.create(revocationsUri);
        return new RevokedTokens(WebClient.create(), revocationsUri, () -> {
            DiscoveryClient client = discovery.getIfAvailable();
            List<ServiceInstance> instances = new ArrayList<>(client == null ? List.of()
                    : client.getInstances(byName.getHost()));
            Collections.shuffle(instances);
            return instances.stream().map(i -> "http://" + i.getHost() + ":"
                    + i.getMetadata().getOrDefault("management.port", String.valueOf(i.getPort()))
                    + byName.getRawPath()).toList();
        }, interval, Clock.systemUTC(), meters);
    }

    private static WebClient webClientFor(String uri,
            ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancer) {
        WebClient.Builder web = WebClient.builder();
        if (uri.startsWith("lb://")) {
            web.filter(loadBalancer.getObject());
        }
        return web.build();
    }

    /** {@code lb://auth-service/x} becomes {@code http://auth-service/x}, which the load-balancer filter resolves */
    private static String plainUri(String uri) {
        return uri.startsWith("lb://") ? "http://" + uri.substring("lb://".length()) : uri;
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
        return new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), new JwtIssuerValidator(issuer),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(audience)),
                new JwtClaimValidator<Object>("exp", exp -> exp != null));
    }
}
