package io.inetpublish.common.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Every service describes its {@code /api/**} endpoints in OpenAPI 3 at {@link #PATH} on its service port, without a
 * token (springdoc reads the controllers; each operation names itself with {@code @Operation(summary = …)}, each
 * controller its resource with {@code @Tag}). What all of them share is written here once: the access token, the
 * gateway as the server (so a "try it out" goes through the gateway with the reader's token), and the errors: every
 * error answer is a {@code Problem} (RFC 9457) whose {@code type} is one of {@link ProblemTypes}, and the usual ones
 * (400, 401, 403, 404, 409, 413, 500) are added to each operation they can happen to. The gateway shows all
 * services' descriptions on one page ({@code /api-docs/}).
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiDocsAutoConfiguration {

    /** Where a service answers its OpenAPI description (service port, no token needed). */
    public static final String PATH = "/v3/api-docs";
    static final String PROBLEM = "Problem";
    static final String BEARER = "bearer";
    static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    @ConditionalOnMissingBean
    OpenAPI platformApiDescription(@Value("${spring.application.name}") String service) {
        return new OpenAPI()
                .info(new Info().title("iNetPublish " + service).version("v1").description(description()))
                .addServersItem(new Server().url("/").description("the gateway"))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("The platform's access token (15 minutes; the web app's, or one a CI "
                                        + "got at POST /api/auth/token for an integration token).")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return ApiDocsAutoConfiguration::addProblemResponses;
    }

    /** The errors an operation can meet, each a {@code Problem}; an answer the controller documents itself stays. */
    static void addProblemResponses(OpenAPI api) {
        // here, not on the bean: springdoc drops schemas its own scan did not reference
        api.getComponents().addSchemas(PROBLEM, problemSchema());
        boolean securedByDefault = api.getSecurity() != null && !api.getSecurity().isEmpty();
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (operation.getResponses() == null) {
                operation.setResponses(new ApiResponses());
            }
            boolean secured = operation.getSecurity() == null ? securedByDefault : !operation.getSecurity().isEmpty();
            boolean body = operation.getRequestBody() != null;
            boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
            problem(operation, 400, body || (operation.getParameters() != null && !operation.getParameters().isEmpty()));
            problem(operation, 401, secured);
            problem(operation, 403, secured);
            problem(operation, 404, path.contains("{"));
            problem(operation, 409, write);
            problem(operation, 413, body);
            problem(operation, 500, true);
            errorsAreProblems(operation);
        }));
    }

    private static void problem(Operation operation, int status, boolean applies) {
        String code = String.valueOf(status);
        if (applies && !operation.getResponses().containsKey(code)) {
            String kinds = ProblemTypes.anyServiceWithStatus(status).stream().map(t -> "`" + t.kind() + "`")
                    .collect(Collectors.joining(", "));
            operation.getResponses().addApiResponse(code, new ApiResponse()
                    .description(STATUS_TEXT.get(status) + (kinds.isEmpty() ? "" : " (" + kinds + ")")));
        }
    }

    /**
     * Every error answer is a problem, also those a controller names itself (with its own words; springdoc gives
     * them the method's return type, which is the answer on success).
     */
    private static void errorsAreProblems(Operation operation) {
        operation.getResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            }
        });
    }

    private static final Map<Integer, String> STATUS_TEXT = Map.of(400, "Bad input", 401, "No valid access token",
            403, "The role or scope does not allow this", 404, "Not found", 409, "Refused by the current state",
            413, "Body too large", 500, "Unexpected error");

    private static Schema<?> problemSchema() {
        List<String> types = ProblemTypes.ALL.stream().map(ProblemTypes.ProblemType::uri).toList();
        return new ObjectSchema()
                .description("RFC 9457 problem details; title, detail and messages in the request's language "
                        + "(Accept-Language: Chinese by default, English on request)")
                .addProperty("type", new StringSchema().format("uri")._enum(types)
                        .description("what kind of error (the table in the description above)"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().description("for bad input: each wrong field")
                        .items(new ObjectSchema()
                                .addProperty("field", new StringSchema()
                                        .description("path of the field, e.g. items[2].version"))
                                .addProperty("message", new StringSchema())))
                .required(List.of("type", "title", "status"));
    }

    private static String description() {
        StringBuilder text = new StringBuilder("""
                Every call goes through the gateway and, unless it says otherwise, needs the platform's access token \
                (`Authorization: Bearer …`). Lists are pages (`page` from 0, `size`). Writes refused for bad input \
                change nothing.

                Errors are RFC 9457 problem details (`application/problem+json`, schema `Problem`). Tell them apart \
                by `type` (`https://inetpublish.io/problems/<kind>`) and, for bad input, by `errors[i].field`; \
                `title`, `detail` and messages are in the request's language (`Accept-Language`).

                | status | kind | answered by | meaning |
                |---|---|---|---|
                """);
        ProblemTypes.ALL.forEach(type -> text.append("| ").append(type.status()).append(" | `").append(type.kind())
                .append("` | ").append(type.answeredBy()).append(" | ").append(type.meaning()).append(" |\n"));
        return text.toString();
    }
}
