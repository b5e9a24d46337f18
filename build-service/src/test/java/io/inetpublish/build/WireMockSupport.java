package io.inetpublish.build;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.inetpublish.common.test.SuiteWireMock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** One WireMock server for the whole suite: Jenkins under {@code /jenkins}, the other services at its root. */
@TestConfiguration(proxyBeanMethods = false)
public class WireMockSupport {

    private static final WireMockServer SERVER = SuiteWireMock.start();

    public static WireMockServer server() {
        return SERVER;
    }

    public static String jenkinsUrl() {
        return server().baseUrl() + "/jenkins";
    }

    @Bean
    DynamicPropertyRegistrar wireMockProperties() {
        return registry -> {
            registry.add("inetpublish.jenkins.url", WireMockSupport::jenkinsUrl);
            registry.add("spring.cloud.openfeign.client.config.release-service.url", () -> server().baseUrl());
            registry.add("spring.cloud.openfeign.client.config.customer-service.url", () -> server().baseUrl());
        };
    }
}
