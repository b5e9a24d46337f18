package io.inetpublish.auth.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.inetpublish.auth.config.AuthProperties;
import io.inetpublish.auth.feishu.FeishuOAuthClient;
import io.inetpublish.auth.integration.IntegrationTokens;
import io.inetpublish.auth.login.LoginStates;
import io.inetpublish.auth.ratelimit.RateLimiter;
import io.inetpublish.auth.token.AccessTokens;
import io.inetpublish.auth.token.AuthCookies;
import io.inetpublish.auth.token.RefreshTokens;
import io.inetpublish.auth.token.SigningKeys;
import io.inetpublish.auth.user.People;
import io.inetpublish.auth.user.UserDirectory;
import io.inetpublish.common.security.PlatformJwt;
import io.inetpublish.common.test.ControllerSliceTest;
import io.inetpublish.common.test.security.TestTokens;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * auth-service's controller slice: all its controllers behind its own filter chain ({@code AuthSecurityConfiguration},
 * the rules of who may call what), with everything they call mocked, in one Spring context that every
 * {@code *ControllerTest} of the service shares. Tokens are checked as the service checks them, but against the test
 * key of {@link TestTokens} instead of the service's signing keys (which live in its database): the decoder below
 * takes the place of the service's own for the filter chain. A test takes the mocks it needs with
 * {@code @Autowired}; they are reset after each test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ControllerSliceTest
@Import(AuthControllerSlice.TestKeyDecoder.class)
@MockitoBean(types = {UserDirectory.class, People.class, IntegrationTokens.class, RateLimiter.class,
        RefreshTokens.class, AccessTokens.class, SigningKeys.class, AuthCookies.class, FeishuOAuthClient.class,
        LoginStates.class})
public @interface AuthControllerSlice {

    /** Access tokens of {@link TestTokens}, checked with the issuer and audience the service checks. */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AuthProperties.class)
    class TestKeyDecoder {

        @Bean
        @Primary
        JwtDecoder testKeyJwtDecoder(JWKSource<SecurityContext> testJwkSource, AuthProperties properties) {
            return PlatformJwt.decoder(testJwkSource, properties.issuer(), properties.audience());
        }
    }
}
