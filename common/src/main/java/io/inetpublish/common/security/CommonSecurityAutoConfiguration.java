package io.inetpublish.common.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import feign.RequestInterceptor;
import io.inetpublish.common.discovery.RetryOnAnotherInstance;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.outside.OutsideCall;
import io.inetpublish.common.outside.OutsideCalls;
import io.inetpublish.common.web.ApiDocsAutoConfiguration;
import io.inetpublish.loadbalancing.UnreachableInstances;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Makes every servlet service an OAuth2 resource server on the platform's access token (auth-service's JWKS, see
 * {@link PlatformJwt} for what is checked), with a {@link CurrentActor} read from the token, per-service role rules
 * ({@link AuthorizationRules}), and the caller's token passed on by Feign to other services. Actuator endpoints are
 * served on the management port only, open there but for the dead letters (ADMIN; {@link ManagementRequests}).
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@EnableConfigurationProperties(PlatformSecurityProperties.class)
public class CommonSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CurrentActor currentActor() {
        return new TokenCurrentActor();
    }

    /** The operator from the validated token of this thread's request; {@link CurrentActor#SYSTEM} without one. */
    static final class TokenCurrentActor implements CurrentActor {

        @Override
        public Actor get() {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
                String name = jwt.getClaimAsString(PlatformJwt.NAME_CLAIM);
                return new Actor(jwt.getSubject(), name == null || name.isBlank() ? jwt.getSubject() : name);
            }
            return SYSTEM;
        }

        @Override
        public boolean hasAnyRole(Role... roles) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication == null || !(authentication.getPrincipal() instanceof Jwt)) {
                return false;
            }
            Set<String> wanted = Arrays.stream(roles).map(Role::authority).collect(Collectors.toSet());
            return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .anyMatch(wanted::contains);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class ResourceServer {

        /** The outside call of the signing-key fetch (README, "Outside calls"; in inetpublish-defaults.yml). */
        static final String SIGNING_KEYS = "auth-service-keys";

        /**
         * auth-service's published keys, cached, re-read when a token names a kid not seen yet (at most once per
         * 30 s; a kid that is still unknown then is refused with 401, {@link UnknownKeysRefused}). Every fetch goes
         * through the outside call {@value #SIGNING_KEYS}.
         */
        @Bean
        @ConditionalOnMissingBean(JWKSource.class)
        UnknownKeysRefused platformJwkSource(PlatformSecurityProperties properties,
                ObjectProvider<LoadBalancerClient> loadBalancer, ObjectProvider<UnreachableInstances> unreachable,
                OutsideCalls outside) throws MalformedURLException {
            OutsideCall keys = outside.get(SIGNING_KEYS);
            return remoteKeys(jwksUrl(properties), through(keys, direct(properties, loadBalancer, unreachable, keys)));
        }

        /**
         * Health indicator {@code signingKeys} ({@link SigningKeysRead}) where this service reads auth-service's keys:
         * the registry status and the readiness probe wait for it. auth-service checks tokens with the keys it holds
         * (its own decoder) and turns it off ({@code management.health.signingkeys.enabled: false}): with
         * {@code lb://auth-service} as the JWKS address, the first auth-service instance would otherwise wait to be
         * UP in the registry for an auth-service instance that is UP in the registry.
         */
        @Bean
        @ConditionalOnBean(UnknownKeysRefused.class)
        @ConditionalOnEnabledHealthIndicator("signingkeys")
        HealthIndicator signingKeysHealthIndicator(UnknownKeysRefused platformJwkSource,
                PlatformSecurityProperties properties, ObjectProvider<LoadBalancerClient> loadBalancer,
                ObjectProvider<UnreachableInstances> unreachable, OutsideCalls outside) throws MalformedURLException {
            return new SigningKeysRead(platformJwkSource, jwksUrl(properties),
                    direct(properties, loadBalancer, unreachable, outside.get(SIGNING_KEYS)), Clock.systemUTC());
        }

        /** The JWKS address; {@code lb://auth-service/...} as {@code http://auth-service/...} ({@link #anyInstance}). */
        private static URL jwksUrl(PlatformSecurityProperties properties) throws MalformedURLException {
            String uri = properties.jwksUri();
            return URI.create(uri.startsWith("lb://") ? "http://" + uri.substring("lb://".length()) : uri).toURL();
        }

        /** The JWKS fetch itself, with the outside call's timeouts, without its breaker. */
        private static ResourceRetriever direct(PlatformSecurityProperties properties,
                ObjectProvider<LoadBalancerClient> loadBalancer, ObjectProvider<UnreachableInstances> unreachable,
                OutsideCall keys) {
            ResourceRetriever http = retriever(keys);
            return properties.jwksUri().startsWith("lb://") ? anyInstance(loadBalancer, unreachable, http) : http;
        }

        /**
         * {@code http://auth-service/...} from the instance the load balancer picks. One that did not answer is
         * reported ({@link UnreachableInstances}), and when the fetch (a read) reached no live instance it is sent once
         * more, to the instance picked then ({@link RetryOnAnotherInstance}), as Feign reads and people look-ups are.
         */
        static ResourceRetriever anyInstance(ObjectProvider<LoadBalancerClient> loadBalancer,
                ObjectProvider<UnreachableInstances> unreachable, ResourceRetriever http) {
            return target -> {
                ServiceInstance instance = chosen(loadBalancer, target);
                try {
                    return http.retrieveResource(at(instance, target));
                } catch (IOException ex) {
                    unreachable.ifAvailable(u -> u.failed(instance, ex));
                    if (!RetryOnAnotherInstance.worthIt(ex)) {
                        throw ex;
                    }
                    return http.retrieveResource(at(chosen(loadBalancer, target), target));
                }
            };
        }

        private static ServiceInstance chosen(ObjectProvider<LoadBalancerClient> loadBalancer, URL target)
                throws IOException {
            LoadBalancerClient client = loadBalancer.getIfAvailable();
            ServiceInstance instance = client == null ? null : client.choose(target.getHost());
            if (instance == null) {
                throw new IOException("No instance of " + target.getHost() + " to read the JWKS from");
            }
            return instance;
        }

        private static URL at(ServiceInstance instance, URL target) throws MalformedURLException {
            return URI.create(instance.getUri().toString().replaceAll("/$", "") + target.getFile()).toURL();
        }

        /** An HTTP retriever with the outside call's timeouts (and Nimbus' size limit for a JWKS). */
        static ResourceRetriever retriever(OutsideCall call) {
            return new DefaultResourceRetriever((int) call.connectTimeout().toMillis(),
                    (int) call.readTimeout().toMillis(), 256 * 1024);
        }

        /** Each fetch through the outside call's breaker; any failure (an open breaker too) is Nimbus' IOException. */
        static ResourceRetriever through(OutsideCall call, ResourceRetriever retriever) {
            return target -> {
                try {
                    return call.call(() -> {
                        try {
                            return retriever.retrieveResource(target);
                        } catch (IOException ex) {
                            throw new UncheckedIOException(ex);
                        }
                    });
                } catch (UncheckedIOException ex) {
                    throw ex.getCause();
                } catch (RuntimeException ex) {
                    throw new IOException("auth-service's signing keys cannot be fetched now: " + ex, ex);
                }
            };
        }

        static UnknownKeysRefused remoteKeys(URL url, ResourceRetriever retriever) {
            return new UnknownKeysRefused(JWKSourceBuilder.create(url, retriever).build());
        }

        /**
         * A URL the firewall refuses (encoded slashes, {@code ..} segments, …) names nothing here: 404, as a path
         * that matches no endpoint would.
         */
        @Bean
        @ConditionalOnMissingBean
        RequestRejectedHandler requestRejectedHandler() {
            return new HttpStatusRequestRejectedHandler(404);
        }

        @Bean
        @ConditionalOnMissingBean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> platformJwkSource, PlatformSecurityProperties properties) {
            return PlatformJwt.decoder(platformJwkSource, properties.issuer(), properties.audience());
        }

        @Bean
        @ConditionalOnMissingBean(SecurityFilterChain.class)
        SecurityFilterChain platformSecurityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder,
                ObjectProvider<AuthorizationRules> serviceRules, Environment environment) throws Exception {
            PlatformJwt.statelessResourceServer(http, jwtDecoder)
                    .authorizeHttpRequests(rules -> {
                        ManagementRequests.configure(rules, environment);
                        rules.requestMatchers("/error").permitAll();
                        rules.requestMatchers(HttpMethod.GET, ApiDocsAutoConfiguration.PATH).permitAll();
                        serviceRules.orderedStream().forEach(service -> service.configure(rules));
                        // any person; an integration token (no role, only scopes) reaches only what names its scope
                        rules.requestMatchers(HttpMethod.GET, "/**").hasAnyRole(PlatformJwt.anyPersonRole());
                        rules.requestMatchers(HttpMethod.HEAD, "/**").hasAnyRole(PlatformJwt.anyPersonRole());
                        rules.anyRequest().hasRole(Role.ADMIN.name());
                    });
            return http.build();
        }
    }

    /**
     * Service-to-service Feign calls carry the caller's access token. Only clients named after one of the platform's
     * services ({@code @FeignClient(name = "customer-service")}, found through Eureka, or pointed at a fixed URL in a
     * test) get it: Jenkins, Feishu and other outside clients never see the platform's token.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RequestInterceptor.class)
    static class TokenPropagation {

        static final Set<String> PLATFORM_SERVICES = Set.of("auth-service", "release-service", "customer-service",
                "build-service", "notify-service");

        @Bean
        RequestInterceptor accessTokenPropagation() {
            return template -> {
                if (template.feignTarget() == null || template.headers().containsKey(HttpHeaders.AUTHORIZATION)) {
                    return;
                }
                boolean platformService = PLATFORM_SERVICES.contains(template.feignTarget().name());
                Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
                if (platformService && authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token) {
                    template.header(HttpHeaders.AUTHORIZATION, "Bearer " + token.getToken().getTokenValue());
                }
            };
        }
    }
}
