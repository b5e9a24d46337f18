package io.inetpublish.customer.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UnsupportedEncodingException;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Builds customers, environments and components through the HTTP API, each with a unique name. */
public final class Fixtures {

    private final MockMvcTester mvc;
    private final JsonMapper json;

    public Fixtures(MockMvcTester mvc, JsonMapper json) {
        this.mvc = mvc;
        this.json = json;
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A customer whose owner is the platform person {@code ownerId}, named "owner-" + ownerId. */
    public UUID customer(String name, String ownerId) {
        AuthServiceStub.person(ownerId, "owner-" + ownerId);
        JsonNode body = send(mvc.post().uri("/api/customers").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\",\"ownerId\":\"" + ownerId + "\"}").exchange(), 201);
        return UUID.fromString(body.get("id").asString());
    }

    public UUID environment(UUID customerId, String name, String type) {
        JsonNode body = send(mvc.post().uri("/api/customers/{id}/environments", customerId)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\",\"type\":\"" + type + "\"}").exchange(), 201);
        return UUID.fromString(body.get("id").asString());
    }

    /** A new customer with one environment. */
    public UUID environment(String type) {
        return environment(customer(unique("Cust"), "ou_" + UUID.randomUUID().toString().substring(0, 6)),
                unique("env"), type);
    }

    public String component(String mainline) {
        String name = unique("comp");
        send(mvc.post().uri("/api/components").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\""
                        + (mainline == null ? "" : ",\"mainlineVersion\":\"" + mainline + "\"") + "}")
                .exchange(), 201);
        return name;
    }

    /** A new component with this mainline (null: none), installed in the environment at {@code version}. */
    public String installed(UUID environmentId, String mainline, String version) {
        String name = component(mainline);
        install(environmentId, name, version);
        return name;
    }

    public void install(UUID environmentId, String component, String version) {
        send(mvc.post().uri("/api/environments/{id}/components", environmentId)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"component\":\"" + component + "\",\"version\":\"" + version + "\"}").exchange(), 201);
    }

    public JsonNode get(String uri, Object... vars) {
        return send(mvc.get().uri(uri, vars).exchange(), 200);
    }

    public JsonNode send(MvcTestResult result, int expectedStatus) {
        try {
            String body = result.getResponse().getContentAsString();
            assertThat(result.getResponse().getStatus()).as(body).isEqualTo(expectedStatus);
            return body.isEmpty() ? null : json.readTree(body);
        } catch (UnsupportedEncodingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
