package io.inetpublish.common.people;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.inetpublish.common.discovery.RetryOnAnotherInstance;
import io.inetpublish.common.outside.OutsideCall;
import io.inetpublish.common.outside.OutsideCalls;
import io.inetpublish.common.web.DownstreamUnavailableException;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.loadbalancing.UnreachableInstances;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.web.client.RestClient;

/**
 * The platform's people as auth-service knows them (a person's id is their Feishu open_id; they are shown by name).
 * A service that stores a person asks here first, with the caller's access token: an id nobody has is a 400 naming
 * the field, auth-service not answering a 503, and nothing is stored either way. {@link #resolve} matches free text
 * written before people were ids (an open_id, an e-mail or a unique name) for the owner migrations; it runs without
 * a person's token (auth-service's {@code /internal/people/resolve}, never routed by the gateway).
 *
 * <p>{@code baseUri} is {@code lb://auth-service} (found through Eureka) or a plain URL (tests). Calls go through the
 * outside calls {@value #AUTH_SERVICE} and {@value #APPROVERS} (README, "Outside calls"), configured in the
 * application.yml of each service that uses this class.
 */
public class PeopleDirectory {

    public static final String AUTH_SERVICE = "auth-service";
    /** The approvers' look-up, with timeouts short enough for a Feishu card callback (answered within 3 s). */
    public static final String APPROVERS = "auth-service-approvers";

    private final String baseUri;
    private final ObjectProvider<LoadBalancerClient> loadBalancer;
    private final ObjectProvider<UnreachableInstances> unreachable;
    private final OutsideCalls outside;
    private final OutsideCall authService;
    private final RestClient http;
    private volatile RestClient quick;

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Person(String id, String name, String email) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Resolution(String value, String id, String name, String reason) {

        public boolean resolved() {
            return id != null;
        }
    }

    public PeopleDirectory(String baseUri, ObjectProvider<LoadBalancerClient> loadBalancer, OutsideCalls outside,
            ObjectProvider<UnreachableInstances> unreachable) {
        this.baseUri = baseUri.endsWith("/") ? baseUri.substring(0, baseUri.length() - 1) : baseUri;
        this.loadBalancer = loadBalancer;
        this.unreachable = unreachable;
        this.outside = outside;
        this.authService = outside.get(AUTH_SERVICE);
        this.http = RestClient.builder().requestFactory(authService.requestFactory()).build();
    }

    /** An enabled person who may approve: {@code role} is their platform role. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Approver(String id, String name, String role) {
    }

    /**
     * The enabled people who have one of {@code roles} or whose id is one of {@code ids} (auth-service's
     * {@code /internal/people/approvers}, never routed by the gateway). It answers within the timeouts of
     * {@value #APPROVERS} (2 s) or fails with a 503 {@link DownstreamUnavailableException}: a Feishu card callback has
     * to be answered within 3 s.
     */
    public List<Approver> approvers(List<String> roles, List<String> ids) {
        // only release-service asks this, so only its application.yml configures the instance
        OutsideCall approversCall = outside.get(APPROVERS);
        if (quick == null) {
            quick = RestClient.builder().requestFactory(approversCall.requestFactory()).build();
        }
        return call(approversCall::call, base -> quick.post().uri(base + "/internal/people/approvers")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("roles", roles, "ids", ids))
                .retrieve()
                .body(new ParameterizedTypeReference<List<Approver>>() {
                }));
    }

    /**
     * The person with this id (open_id), asked with the caller's token; empty when there is nobody with it (404: the
     * one reading of a platform service's answer, {@link OutsideCall#find}).
     */
    public Optional<Person> find(String id) {
        return call(authService::find, base -> http.get().uri(base + "/api/auth/people/{id}", id)
                .headers(this::callersToken)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(Person.class));
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
        return call(authService::call, base -> http.post().uri(base + "/internal/people/resolve")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("values", values))
                .retrieve()
                .body(new ParameterizedTypeReference<List<Resolution>>() {
                }));
    }

    /**
     * Anything but an answer (refused, timed out, 5xx, the circuit open) is a 503 naming auth-service. With
     * {@code lb://} the instance is chosen by the load balancer (which leaves out instances that did not answer
     * lately), and one that does not answer is reported to it ({@link UnreachableInstances}), as Feign calls do. Every
     * request here is a look-up that changes nothing, so one that did not reach a live instance is sent once more, to
     * the instance the load balancer picks then ({@link RetryOnAnotherInstance}, as Feign reads are).
     */
    private <T, R> R call(Function<Supplier<T>, R> send, Function<String, T> request) {
        ServiceInstance instance = chosen();
        try {
            return once(send, instance, request);
        } catch (DownstreamUnavailableException ex) {
            if (instance == null || !RetryOnAnotherInstance.worthIt(ex)) {
                throw ex;
            }
            return once(send, chosen(), request);
        }
    }

    /** {@code send} is how the outside call sends it: {@link OutsideCall#call} or {@link OutsideCall#find}. */
    private <T, R> R once(Function<Supplier<T>, R> send, ServiceInstance instance, Function<String, T> request) {
        String base = instance == null ? baseUri : instance.getUri().toString().replaceAll("/$", "");
        try {
            return send.apply(() -> request.apply(base));
        } catch (DownstreamUnavailableException ex) {
            reportUnreachable(instance, ex);
            throw ex;
        } catch (RuntimeException ex) {
            reportUnreachable(instance, ex);
            throw new DownstreamUnavailableException(AUTH_SERVICE, ex);
        }
    }

    /** The auth-service instance to call, or null when {@code baseUri} is a plain address. */
    private ServiceInstance chosen() {
        if (!baseUri.startsWith("lb://")) {
            return null;
        }
        String name = URI.create(baseUri).getHost();
        LoadBalancerClient client = loadBalancer.getIfAvailable();
        ServiceInstance instance = client == null ? null : client.choose(name);
        if (instance == null) {
            throw new DownstreamUnavailableException(name, null);
        }
        return instance;
    }

    private void reportUnreachable(ServiceInstance instance, RuntimeException ex) {
        if (instance != null) {
            unreachable.ifAvailable(u -> u.failed(instance, ex));
        }
    }

    private void callersToken(HttpHeaders headers) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token) {
            headers.setBearerAuth(token.getToken().getTokenValue());
        }
    }
}
