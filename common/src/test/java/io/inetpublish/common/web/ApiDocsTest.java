package io.inetpublish.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.inetpublish.common.test.ApiDescriptions;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ApiDocsTest {

    static OpenAPI described(Operation... operations) {
        OpenAPI api = new ApiDocsAutoConfiguration().platformApiDescription("test-service")
                .addTagsItem(new Tag().name("Things").description("things we keep"));
        PathItem item = new PathItem();
        item.setPost(operations[0]);
        if (operations.length > 1) {
            item.setGet(operations[1]);
        }
        api.setPaths(new Paths().addPathItem("/api/things/{id}", item));
        ApiDocsAutoConfiguration.addProblemResponses(api);
        return api;
    }

    static Operation operation(String summary) {
        return new Operation().summary(summary).addTagsItem("Things")
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("OK")));
    }

    @Nested
    class StandardErrors {

        @Test
        void givesEachOperationTheProblemsItCanMeet() {
            Operation write = operation("Change a thing").requestBody(new RequestBody())
                    .addParametersItem(new PathParameter().name("id"));
            OpenAPI api = described(write);
            assertThat(write.getResponses()).containsKeys("200", "400", "401", "403", "404", "409", "413", "500");
            assertThat(write.getResponses().get("409").getDescription()).contains("`conflict`", "`concurrent-edit`");
            assertThat(ApiDescriptions.gaps(Json31.pretty(api))).isEmpty();
        }

        @Test
        void leavesOutTokenProblemsWhereNoTokenIsNeeded() {
            Operation open = operation("Read a thing openly").security(List.of());
            described(operation("Change"), open);
            assertThat(open.getResponses()).doesNotContainKeys("401", "403", "409", "413").containsKeys("404", "500");
        }

        @Test
        void makesAnAnswerTheControllerNamedAProblem() {
            Operation gone = operation("Fetch a bundle");
            // as springdoc writes it: the method's return type as the content
            gone.getResponses().addApiResponse("410", new ApiResponse().description("The bundle was removed")
                    .content(new Content().addMediaType("application/json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/ManifestView")))));
            OpenAPI api = described(gone);
            assertThat(gone.getResponses().get("410").getDescription()).isEqualTo("The bundle was removed");
            assertThat(ApiDescriptions.gaps(Json31.pretty(api))).isEmpty();
        }

        @Test
        void listsEveryProblemTypeInTheSchemaAndTheDescription() {
            OpenAPI api = described(operation("Change"));
            String json = Json31.pretty(api);
            for (ProblemTypes.ProblemType type : ProblemTypes.ALL) {
                assertThat(json).contains(type.uri(), "`" + type.kind() + "`");
            }
        }
    }

    @Nested
    class Gaps {

        @Test
        void namesAnOperationWithoutSummary() {
            OpenAPI api = described(operation(null), operation("Read a thing"));
            assertThat(ApiDescriptions.gaps(Json31.pretty(api))).containsExactly("POST /api/things/{id}: no summary");
        }

        @Test
        void namesAResourceWithoutDescription() {
            Operation untagged = operation("Change").tags(List.of("Other"));
            OpenAPI api = described(untagged);
            assertThat(ApiDescriptions.gaps(Json31.pretty(api)))
                    .containsExactly("POST /api/things/{id}: tag 'Other' has no description");
        }

        @Test
        void namesAnErrorThatIsNotAProblem() {
            Operation plain = operation("Change");
            OpenAPI api = described(plain);
            plain.getResponses().get("500").setContent(null);
            assertThat(ApiDescriptions.gaps(Json31.pretty(api)))
                    .containsExactly("POST /api/things/{id}: answer 500 is not a Problem");
        }

        @Test
        void namesADescriptionWithoutOperationsOrProblemSchema() {
            assertThat(ApiDescriptions.gaps("{\"openapi\":\"3.1.0\",\"paths\":{}}"))
                    .containsExactly("no Problem schema in components", "no operation described at all");
        }
    }

    @Nested
    class WebAppsCopy {

        @Test
        void namesWhereTheCopySaysOtherwise() {
            String code = "{\"paths\":{\"/api/x\":{\"get\":{\"summary\":\"List\"}}},\"tags\":[\"a\",\"b\"]}";
            String copy = "{\"tags\":[\"a\",\"c\"],\"paths\":{\"/api/x\":{\"get\":{\"summary\":\"Lists\"},"
                    + "\"put\":{}}}}";
            assertThat(ApiDescriptions.differences(copy, code, 20)).containsExactly(
                    "/paths/~1api~1x/get/summary: copy \"Lists\", code \"List\"",
                    "/paths/~1api~1x/put: copy {}, code (absent)",
                    "/tags/1: copy \"c\", code \"b\"");
            assertThat(ApiDescriptions.differences(copy, code, 1)).hasSize(1);
        }

        @Test
        void findsNoDifferenceInTheOrderOfPropertiesOrTheLayout() {
            String code = Json31.pretty(described(operation("Change a thing")));
            String copy = ApiDescriptions.pretty(code);
            assertThat(copy).startsWith("{\n  \"").endsWith("}\n").doesNotContain(" : ", "[ ]");
            assertThat(ApiDescriptions.differences(copy, code, 20)).isEmpty();
            assertThat(ApiDescriptions.differences("{\"b\":1,\"a\":[]}", "{\"a\":[],\"b\":1}", 20)).isEmpty();
        }
    }

    @Test
    void listsTheProblemTypesOfCommonsErrors() {
        Set<String> listed = ProblemTypes.ALL.stream().map(ProblemTypes.ProblemType::kind).collect(Collectors.toSet());
        List<ApiException> errors = List.of(new NotFoundException("release", "x"), new ConflictException("x"),
                new FieldException("f", "x"), FieldException.conflict("f", "x"), new ForbiddenException("x"),
                new DownstreamUnavailableException("customer-service", new RuntimeException()));
        assertThat(errors).allSatisfy(error -> assertThat(listed).contains(error.problemType()));
        assertThat(listed).contains("idempotency-key-in-use", "idempotency-key-reused", "unauthorized", "internal",
                "unreadable-body", "body-too-large", "upload-too-large", "multipart-not-accepted", "concurrent-edit");
        assertThat(listed).hasSameSizeAs(ProblemTypes.ALL);
    }
}
