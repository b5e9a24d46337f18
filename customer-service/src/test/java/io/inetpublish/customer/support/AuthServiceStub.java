package io.inetpublish.customer.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.inetpublish.common.test.EveryTestContext;
import io.inetpublish.common.test.SuiteWireMock;
import org.springframework.core.env.MapPropertySource;

/**
 * auth-service's people endpoints for the whole customer-service suite: ONE WireMock, pointed at by
 * {@code inetpublish.people.auth-url} in every test context (registered in META-INF/spring.factories, so the suite
 * keeps sharing one context). Tests declare the people they need; the scheduled owner migration is off (tests run it).
 */
public class AuthServiceStub extends EveryTestContext {

    private static final WireMockServer SERVER = SuiteWireMock.start();

    public static WireMockServer server() {
        return SERVER;
    }

    /** A platform person auth-service knows (GET /api/auth/people/{id}). */
    public static void person(String openId, String name) {
        SERVER.stubFor(get(urlPathEqualTo("/api/auth/people/" + openId)).willReturn(okJson("""
                {"id":"%s","name":"%s","email":"%s@example.test","loggedIn":true}""".formatted(openId, name, openId))));
    }

    /** How auth-service matches this free text (POST /internal/people/resolve, one value at a time). */
    public static void resolves(String text, String openId, String name, String reason) {
        SERVER.stubFor(post(urlPathEqualTo("/internal/people/resolve"))
                .withRequestBody(matchingJsonPath("$.values[0]", equalTo(text)))
                .willReturn(okJson(openId == null
                        ? "[{\"value\":\"%s\",\"reason\":\"%s\"}]".formatted(text, reason)
                        : "[{\"value\":\"%s\",\"id\":\"%s\",\"name\":\"%s\"}]".formatted(text, openId, name))));
    }

    /** auth-service failing. */
    public static void resolveFails() {
        SERVER.stubFor(post(urlPathEqualTo("/internal/people/resolve")).willReturn(aResponse().withStatus(503)));
    }

    @Override
    public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
            org.springframework.test.context.MergedContextConfiguration config) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("authServiceStub", Map.of(
                "inetpublish.people.auth-url", SERVER.baseUrl(),
                "inetpublish.people.migration-initial-delay", "PT1H")));
    }
}
