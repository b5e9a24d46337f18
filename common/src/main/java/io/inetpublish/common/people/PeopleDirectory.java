package io.inetpublish.common.people;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.inetpublish.common.web.DownstreamUnavailableException;
import io.inetpublish.common.web.FieldException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The platform's people as auth-service knows them (a person's id is their Feishu open_id; they are shown by name).
 * A service that stores a person asks here first, with the caller's access token: an id nobody has is a 400 naming
 * the field, auth-service not answering a 503, and nothing is stored either way. {@link #resolve} matches free text
 * written before people were ids (an open_id, an e-mail or a unique name) for the owner migrations; it runs without
 * a person's token (auth-service's {@code /internal/people/resolve}, never routed by the gateway).
 *
 * <p>{@code baseUri} is {@code lb://auth-service} (found through Eureka) or a plain URL (tests).
 */
public class PeopleDirectory {

    public static final String AUTH_SERVICE = "auth-service";

    private final String baseUri;
    private final ObjectProvider<LoadBalancerClient> loadBalancer;
    private final RestClient http;
    private final RestClient quick;

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Person(String id, String name, String email) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Resolution(String value, String id, String name, String reason) {

        public boolean resolved() {
            return id != null;
        }
    }

    public PeopleDirectory(String baseUri, ObjectProvider<LoadBalancerClient> loadBalancer) {
        this.baseUri = baseUri.endsWith("/") ? baseUri.substring(0, baseUri.length() - 1) : baseUri;
        this.loadBalancer = loadBalancer;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build());
        requests.setReadTimeout(Duration.ofSeconds(5));
        this.http = RestClient.builder().requestFactory(requests).build();
        JdkClientHttpRequestFactory quickRequests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofMillis(500)).build());
        quickRequests.setReadTimeout(Duration.ofMillis(1500));
        this.quick = RestClient.builder().requestFactory(quickRequests).build();
    }

    /** An enabled person who may approve: {@code role} is their platform role. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Approver(String id, String name, String role) {
    }

    /**
     * The enabled people who have one of {@code roles} or whose id is one of {@code ids} (auth-service's
     * {@code /internal/people/approvers}, never routed by the gateway). It answers within 2 s or fails with a 503
     * {@link DownstreamUnavailableException}: a Feishu card callback has to be answered within 3 s.
     */
    public List<Approver> approvers(List<String> roles, List<String> ids) {
        try {
            return quick.post().uri(base() + "/internal/people/approvers")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("roles", roles, "ids", ids))
                    .retrieve()
                    .body(new ParameterizedTypeReference<List<Approver>>() {
                    });
        } catch (RestClientException ex) {
            throw new DownstreamUnavailableException(AUTH_SERVICE, ex);
        }
    }

    /** The person with this id (open_id), asked with the caller's token; empty when there is nobody with it. */
    public Optional<Person> find(String id) {
        try {
            return http.get().uri(base() + "/api/auth/people/{id}", id)
                    .headers(this::callersToken)
                    .accept(MediaType.APPLICATION_JSON)
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        if (status == 404) {
                            return Optional.<Person>empty();
                        }
                        if (status != 200) {
                            throw new DownstreamUnavailableException(AUTH_SERVICE + " (answered " + status + ")",
                                    null);
                        }
                        return Optional.ofNullable(response.bodyTo(Person.class));
                    });
        } catch (RestClientException ex) {
            throw new DownstreamUnavailableException(AUTH_SERVICE, ex);
        }
    }

    /** The person a request names in {@code field}: a 400 naming the field when nobody has the id. */
    public Person require(String field, String id) {
        if (id == null || id.isBlank()) {
            throw new FieldException(field, "person.required");
        }
        return find(id.strip()).orElseThrow(() -> new FieldException(field, "person.unknown", id.strip()));
    }

    /** Matches free text to people; one answer per value, in order. */
    public List<Resolution> resolve(List<String> values) {
        try {
            return http.post().uri(base() + "/internal/people/resolve")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("values", values))
                    .retrieve()
                    .body(new ParameterizedTypeReference<List<Resolution>>() {
                    });
        } catch (RestClientException ex) {
            throw new DownstreamUnavailableException(AUTH_SERVICE, ex);
        }
    }

    private String base() {
        if (!baseUri.startsWith("lb://")) {
            return baseUri;
        }
        String name = URI.create(baseUri).getHost();
        LoadBalancerClient client = loadBalancer.getIfAvailable();
        ServiceInstance instance = client == null ? null : client.choose(name);
        if (instance == null) {
            throw new DownstreamUnavailableException(name, null);
        }
        return instance.getUri().toString().replaceAll("/$", "");
    }

    private void callersToken(HttpHeaders headers) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token) {
            headers.setBearerAuth(token.getToken().getTokenValue());
        }
    }
}
