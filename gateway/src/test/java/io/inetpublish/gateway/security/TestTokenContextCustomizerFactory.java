package io.inetpublish.gateway.security;

import java.util.List;

import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Every gateway test context trusts the test key ({@link GatewayTestTokens}) instead of auth-service's JWKS, and its
 * auto-configured {@code WebTestClient} sends an ADMIN token unless a request sets its own {@code Authorization}.
 * A test that needs no token builds its own client (see {@code GatewaySecurityIT}). Registered in
 * {@code META-INF/spring.factories} of the test resources.
 */
public class TestTokenContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return new TestTokenContextCustomizer();
    }

    static final class TestTokenContextCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            var beans = context.getBeanFactory();
            beans.registerSingleton("testReactiveJwtDecoder", GatewayTestTokens.decoder());
            WebTestClientBuilderCustomizer defaultToken = builder -> builder
                    .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + GatewayTestTokens.admin());
            beans.registerSingleton("testDefaultToken", defaultToken);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TestTokenContextCustomizer;
        }

        @Override
        public int hashCode() {
            return TestTokenContextCustomizer.class.hashCode();
        }
    }
}
