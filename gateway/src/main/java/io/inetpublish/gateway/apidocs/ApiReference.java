package io.inetpublish.gateway.apidocs;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.webjars.WebJarVersionLocator;

/**
 * The API reference, public like any documentation: {@code /api-docs/} is Swagger UI over every service's OpenAPI
 * description, one service at a time (a selector at the top). Each description is the service's own
 * {@code /v3/api-docs} (common: {@code ApiDocsAutoConfiguration}), reached by its Eureka name at
 * {@code /api-docs/<service>.json}: one fixed path per service, so nothing else of a service (its actuator, its
 * internal endpoints) becomes reachable. "Try it out" sends its requests to the gateway like any client, with the
 * access token the reader entered under "Authorize" or none, and the gateway and the service check it as always.
 */
@Configuration(proxyBeanMethods = false)
class ApiReference {

    static final String BASE = "/api-docs";
    /** The services the reference shows, in the selector's order. */
    static final List<String> SERVICES = List.of("release-service", "customer-service", "build-service",
            "notify-service", "auth-service");
    private static final String SERVICE_DESCRIPTION = "/v3/api-docs";

    @Bean
    RouteLocator apiDescriptionRoutes(RouteLocatorBuilder routes) {
        RouteLocatorBuilder.Builder builder = routes.routes();
        for (String service : SERVICES) {
            builder.route("api-docs-" + service, route -> route.method(HttpMethod.GET).and()
                    .path(BASE + "/" + service + ".json")
                    .filters(filter -> filter.setPath(SERVICE_DESCRIPTION))
                    .uri("lb://" + service));
        }
        return builder.build();
    }

    @Bean
    RouterFunction<ServerResponse> apiReferencePage() {
        ClassPathResource page = new ClassPathResource("api-reference/index.html");
        ClassPathResource script = new ClassPathResource("api-reference/reference.js");
        ClassPathResource swaggerUi = new ClassPathResource("META-INF/resources/webjars/swagger-ui/"
                + new WebJarVersionLocator().version("swagger-ui") + "/");
        String config = swaggerUiConfig();
        return RouterFunctions.route()
                .GET(BASE, request -> ServerResponse.permanentRedirect(URI.create(BASE + "/")).build())
                .GET(BASE + "/", request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                        .cacheControl(CacheControl.noCache()).bodyValue(page))
                .GET(BASE + "/reference.js", request -> ServerResponse.ok()
                        .contentType(MediaType.parseMediaType("text/javascript"))
                        .cacheControl(CacheControl.noCache()).bodyValue(script))
                .GET(BASE + "/swagger-config.json", request -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(config))
                .add(RouterFunctions.resources(BASE + "/swagger-ui/**", swaggerUi))
                .build();
    }

    /** Swagger UI's settings: the services' descriptions to choose from. */
    static String swaggerUiConfig() {
        return SERVICES.stream().map(service -> "{\"name\":\"" + service + "\",\"url\":\"" + BASE + "/" + service
                        + ".json\"}")
                .collect(Collectors.joining(",", "{\"urls\":[", "],\"urls.primaryName\":\"" + SERVICES.getFirst()
                        + "\"}"));
    }
}
