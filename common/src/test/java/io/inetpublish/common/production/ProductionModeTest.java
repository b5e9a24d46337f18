package io.inetpublish.common.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

class ProductionModeTest {

    @Configuration(proxyBeanMethods = false)
    static class Nothing {
    }

    /** The local run's settings as the services' application.yml files default them. */
    private static MockEnvironment localDefaults() {
        return new MockEnvironment()
                .withProperty("inetpublish.auth.key-encryption-secret", "dev-only-key-encryption-secret")
                .withProperty("inetpublish.secrets.encryption-secret", "dev-only-stored-credentials-key")
                .withProperty("inetpublish.jenkins.api-token", "sandbox-demo-token")
                .withProperty("inetpublish.auth.feishu.app-secret", "sandbox-app-secret")
                .withProperty("spring.datasource.password", "")
                .withProperty("spring.rabbitmq.username", "guest")
                .withProperty("spring.rabbitmq.password", "guest")
                .withProperty("eureka.client.service-url.defaultZone", "http://eureka:dev-only-eureka@127.0.0.1:8761/eureka/")
                .withProperty("inetpublish.gateway.some-future-secret", "dev-only-something");
    }

    @Test
    void namesEveryDevelopmentSecretAndDefaultPasswordByItsVariable() {
        assertThat(ProductionMode.problems(localDefaults())).anySatisfy(p -> assertThat(p).startsWith("AUTH_KEY_ENCRYPTION_SECRET"))
                .anySatisfy(p -> assertThat(p).startsWith("INETPUBLISH_SECRETS_KEY"))
                .anySatisfy(p -> assertThat(p).startsWith("JENKINS_API_TOKEN"))
                .anySatisfy(p -> assertThat(p).startsWith("FEISHU_APP_SECRET"))
                .anySatisfy(p -> assertThat(p).startsWith("DB_PASSWORD (empty)"))
                .anySatisfy(p -> assertThat(p).startsWith("RABBITMQ_USER"))
                .anySatisfy(p -> assertThat(p).startsWith("RABBITMQ_PASSWORD"))
                .anySatisfy(p -> assertThat(p).startsWith("EUREKA_URL"))
                .anySatisfy(p -> assertThat(p).startsWith("inetpublish.gateway.some-future-secret"))
                .hasSize(9);
    }

    @Test
    void realSecretsPass() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("inetpublish.auth.key-encryption-secret", "k8Jd93-aLq0-zzP1-long-random")
                .withProperty("inetpublish.secrets.encryption-secret", "Yt7-another-long-random-value")
                .withProperty("inetpublish.jenkins.api-token", "11aa22bb33cc44dd55ee66ff7788")
                .withProperty("spring.datasource.password", "Qm4-db-password")
                .withProperty("spring.rabbitmq.username", "build_service")
                .withProperty("spring.rabbitmq.password", "Rb5-broker-password")
                .withProperty("eureka.client.service-url.defaultZone", "http://eureka:Ek6-pass@discovery:8761/eureka/");
        assertThat(ProductionMode.problems(env)).isEmpty();
    }

    @Test
    void onlyProductionModeRefusesToStart() {
        assertThat(ProductionMode.active(localDefaults())).isFalse();
        assertThat(ProductionMode.active(localDefaults().withProperty("inetpublish.production", "true"))).isTrue();
        MockEnvironment prod = localDefaults();
        prod.setActiveProfiles("docker", "prod");
        assertThat(ProductionMode.active(prod)).isTrue();
    }

    @Test
    void aServiceInProductionModeWithADevSecretDoesNotStart() {
        SpringApplicationBuilder app = new SpringApplicationBuilder(Nothing.class).web(WebApplicationType.NONE)
                .properties("inetpublish.secrets.encryption-secret=dev-only-stored-credentials-key",
                        "spring.datasource.password=");
        try (ConfigurableApplicationContext context = app.run()) {
            assertThat(context.isActive()).as("outside production mode the defaults start").isTrue();
        }
        assertThatThrownBy(() -> new SpringApplicationBuilder(Nothing.class).web(WebApplicationType.NONE)
                .properties("inetpublish.secrets.encryption-secret=dev-only-stored-credentials-key",
                        "spring.datasource.password=", "inetpublish.production=true")
                .run())
                .hasMessageContaining("INETPUBLISH_SECRETS_KEY").hasMessageContaining("DB_PASSWORD (empty)");
    }
}
