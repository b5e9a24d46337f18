package io.inetpublish.release;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.inetpublish.common.test.SuiteWireMock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * customer-service for the whole release-service suite: ONE WireMock server, started once, and Feign pointed at it;
 * plus the suite's other test-only settings. Every IT class uses {@link ReleaseIntegrationTest}, so the Spring context
 * (and this server) is shared.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CustomerServiceStub {

    private static final WireMockServer SERVER = SuiteWireMock.start();

    @Bean
    DynamicPropertyRegistrar customerServiceUrl() {
        return registry -> {
            registry.add("spring.cloud.openfeign.client.config.customer-service.url", SERVER::baseUrl);
            // build-service's build endpoint is stubbed on the same server (a plan deployment's delta bundle)
            registry.add("spring.cloud.openfeign.client.config.build-service.url", SERVER::baseUrl);
            registry.add("inetpublish.outside.build-service.read-timeout", () -> "1500ms");
            // short enough to keep the timeout test quick, long enough for a loaded CI machine
            registry.add("inetpublish.outside.customer-service.read-timeout", () -> "1500ms");
            registry.add("inetpublish.outside.auth-service.read-timeout", () -> "1500ms");
            registry.add("inetpublish.release.due-check-initial-delay", () -> "PT1H");
            // auth-service's people endpoints are stubbed on the same server
            registry.add("inetpublish.people.auth-url", SERVER::baseUrl);
            registry.add("inetpublish.people.migration-initial-delay", () -> "PT1H");
            // own consumer queues, so a release-service running on this machine's broker cannot take the suite's
            // events (and the suite does not take its events)
            registry.add("inetpublish.messaging.queue-prefix", () -> "release-it.");
        };
    }

    public WireMockServer server() {
        return SERVER;
    }

    /** A catalog component that exists. */
    public void component(String name) {
        SERVER.stubFor(get(urlPathEqualTo("/api/components/" + name)).willReturn(okJson("""
                {"name":"%s","description":"test component","mainlineVersion":"9.9.9",
                 "mainlineSetAt":"2026-01-01T00:00:00Z","mainlineSetBy":{"id":null,"name":"someone"}}""".formatted(name))));
    }

    /** A catalog component that does not exist (customer-service answers 404 with a problem). */
    public void noComponent(String name) {
        SERVER.stubFor(get(urlPathEqualTo("/api/components/" + name)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://inetpublish.io/problems/not-found\",\"status\":404,"
                        + "\"detail\":\"Component " + name + " does not exist\"}")));
    }

    /**
     * An environment of a customer whose owner is the platform person named {@code owner} (id {@link #personId});
     * null: no owner.
     */
    public void environment(UUID id, UUID customerId, String customerName, String owner, String name) {
        String ownerId = owner == null ? null : personId(owner);
        SERVER.stubFor(get(urlPathEqualTo("/api/environments/" + id)).willReturn(okJson("""
                {"id":"%s","customerId":"%s","customerName":"%s","customerOwner":%s,"name":"%s","type":"PROD",
                 "internalTest":false,"jenkinsTarget":null,"notes":null,"version":3}"""
                .formatted(id, customerId, customerName,
                        owner == null ? "null" : "{\"id\":\"" + ownerId + "\",\"name\":\"" + owner + "\"}", name))));
    }

    /** One environment as customer-service's list shows it (for {@link #environmentList}). */
    public record Env(UUID id, UUID customerId, String customerName, String owner, String name, String type,
            boolean internalTest, List<String> tags, boolean archived) {

        String json() {
            String ownerJson = owner == null ? "null"
                    : "{\"id\":\"" + personId(owner) + "\",\"name\":\"" + owner + "\"}";
            return """
                    {"id":"%s","customerId":"%s","customerName":"%s","customerOwner":%s,"name":"%s","type":"%s",
                     "internalTest":%s,"jenkinsTarget":null,"notes":null,"version":1,"customerTags":[%s],
                     "customerArchived":%s}""".formatted(id, customerId, customerName, ownerJson, name, type,
                    internalTest, tags.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",")),
                    archived);
        }
    }

    /**
     * customer-service's {@code GET /api/environments} for a query parameter and value (e.g. {@code tag=试点},
     * {@code id=<uuid>}): one page with these environments.
     */
    public void environmentList(String param, String value, List<Env> environments) {
        SERVER.stubFor(get(urlPathEqualTo("/api/environments")).withQueryParam(param,
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(value)).willReturn(okJson("""
                {"items":[%s],"page":0,"size":200,"totalItems":%d,"totalPages":1}""".formatted(
                environments.stream().map(Env::json).collect(Collectors.joining(",")), environments.size()))));
    }

    /** customer-service's {@code GET /api/environments?id=…&id=…} for exactly these ids, answering those found. */
    public void environmentsById(List<UUID> ids, List<Env> found) {
        SERVER.stubFor(get(urlPathEqualTo("/api/environments")).withQueryParam("id",
                com.github.tomakehurst.wiremock.client.WireMock.havingExactly(ids.stream().map(UUID::toString)
                        .toArray(String[]::new))).willReturn(okJson("""
                {"items":[%s],"page":0,"size":200,"totalItems":%d,"totalPages":1}""".formatted(
                found.stream().map(Env::json).collect(Collectors.joining(",")), found.size()))));
    }

    /** The open_id the test people have: "ou_" and their name's letters and digits. */
    public static String personId(String name) {
        return name.startsWith("ou_") ? name : "ou_" + name.toLowerCase().replaceAll("[^a-z0-9]", "");
    }

    /** A platform person auth-service knows (GET /api/auth/people/{id}); this server also stands in for it. */
    public void person(String name) {
        SERVER.stubFor(get(urlPathEqualTo("/api/auth/people/" + personId(name))).willReturn(okJson("""
                {"id":"%s","name":"%s","email":null,"loggedIn":true}""".formatted(personId(name), name))));
    }

    /** The current components of an environment: each {component, version, releaseId-or-null}. */
    public void environmentComponents(UUID environmentId, List<String[]> rows) {
        String body = rows.stream().map(r -> """
                {"component":"%s","version":"%s","releaseId":%s,"releaseNumber":null,
                 "updatedAt":"2026-01-01T00:00:00Z"}""".formatted(r[0], r[1], r[2] == null ? "null" : "\"" + r[2] + "\""))
                .collect(Collectors.joining(",", "[", "]"));
        SERVER.stubFor(get(urlPathEqualTo("/api/environments/" + environmentId + "/components"))
                .willReturn(okJson(body)));
    }

    /**
     * customer-service's {@code GET /api/versions/installed} (whatever environments are asked, it answers these):
     * each environment as {@code {id, customerId, customerName, name, components: [[component, version, mainline],
     * …]}}.
     */
    public void installations(List<Installation> environments) {
        String body = environments.stream().map(e -> """
                {"environment":{"id":"%s","name":"%s","type":"PROD","customerId":"%s","customerName":"%s",
                 "customerOwner":null},"components":[%s]}""".formatted(e.id(), e.name(), e.customerId(),
                e.customerName(), e.components().stream().map(c -> """
                        {"component":"%s","version":"%s","mainlineVersion":%s,"releaseId":null,"releaseNumber":null}"""
                        .formatted(c[0], c[1], c.length < 3 || c[2] == null ? "null" : "\"" + c[2] + "\""))
                        .collect(Collectors.joining(","))))
                .collect(Collectors.joining(",", "[", "]"));
        SERVER.stubFor(get(urlPathEqualTo("/api/versions/installed")).willReturn(okJson(body)));
    }

    /** An environment with its components, each {component, version, mainline-or-null}. */
    public record Installation(UUID id, UUID customerId, String customerName, String name,
            List<String[]> components) {
    }

    /** A component's history in an environment, newest first: each {from, to, releaseId-or-null}. */
    public void history(UUID environmentId, String component, List<String[]> rows) {
        String body = rows.stream().map(r -> """
                {"from":%s,"to":"%s","source":"CUSTOMER_DEPLOYMENT","releaseId":%s,"releaseNumber":null,
                 "deploymentId":null,"actor":{"id":"ou_someone","name":"someone"},"at":"2026-01-01T00:00:00Z"}"""
                .formatted(r[0] == null ? "null" : "\"" + r[0] + "\"", r[1],
                        r[2] == null ? "null" : "\"" + r[2] + "\""))
                .collect(Collectors.joining(",", "[", "]"));
        SERVER.stubFor(get(urlPathEqualTo("/api/environments/" + environmentId + "/components/" + component
                + "/history")).willReturn(okJson(body)));
    }
}
