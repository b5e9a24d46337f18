package io.inetpublish.common.test.security;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.inetpublish.common.security.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security for service integration tests: the service trusts the test key of {@link TestTokens} (instead of
 * auth-service's JWKS; everything else about validation stays as in production), and a request without an
 * {@code Authorization} header gets a fresh ADMIN token of {@link TestTokens#DEFAULT_SUBJECT} before it reaches
 * Spring Security, through MockMvc and through the real port alike. {@link TestTokens#none()} (or the header
 * {@value #NO_TOKEN_HEADER} on a real HTTP request) opts out. A suite switches the default off with
 * {@code inetpublish.test.default-token=false}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestSecurity {

    public static final String NO_TOKEN_HEADER = "X-Test-No-Token";

    @Bean
    JWKSource<SecurityContext> testJwkSource() {
        return new ImmutableJWKSet<>(TestTokens.publicKeys());
    }

    @Bean
    @ConditionalOnProperty(name = "inetpublish.test.default-token", havingValue = "true", matchIfMissing = true)
    FilterRegistrationBean<DefaultTokenFilter> defaultTestToken() {
        FilterRegistrationBean<DefaultTokenFilter> registration = new FilterRegistrationBean<>(new DefaultTokenFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    static final class DefaultTokenFilter extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getHeader(HttpHeaders.AUTHORIZATION) != null
                    || request.getAttribute(TestTokens.NO_DEFAULT_TOKEN) != null
                    || request.getHeader(NO_TOKEN_HEADER) != null) {
                chain.doFilter(request, response);
                return;
            }
            String authorization = "Bearer " + TestTokens.accessToken(Role.ADMIN);
            chain.doFilter(new HttpServletRequestWrapper(request) {
                @Override
                public String getHeader(String name) {
                    return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? authorization : super.getHeader(name);
                }

                @Override
                public Enumeration<String> getHeaders(String name) {
                    return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)
                            ? Collections.enumeration(java.util.List.of(authorization)) : super.getHeaders(name);
                }

                @Override
                public Enumeration<String> getHeaderNames() {
                    java.util.List<String> names = Collections.list(super.getHeaderNames());
                    names.add(HttpHeaders.AUTHORIZATION);
                    return Collections.enumeration(names);
                }
            }, response);
        }
    }
}
