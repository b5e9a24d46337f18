package io.inetpublish.customer.envcomponent;

import static io.inetpublish.customer.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.inetpublish.common.test.ServiceIntegrationTest;
import io.inetpublish.common.test.security.TestTokens;
import io.inetpublish.customer.support.CustomerItSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import tools.jackson.databind.JsonNode;

@ServiceIntegrationTest
class EnvironmentComponentsIT extends CustomerItSupport {

    UUID env;

    @BeforeEach
    void fixtures() {
        env = fx.environment("PROD");
    }

    @Nested
    class OneAtATime {

        @Test
        void addsChangesAndRemovesAComponentKeepingHistoryNewestFirst() {
            String gateway = fx.installed(env, "2.3.10", "2.3.9");
            assertThat(mvc.put().uri("/api/environments/{id}/components/{c}", env, gateway)
                    .contentType(MediaType.APPLICATION_JSON).content("{\"version\":\"2.3.10\"}"))
                    .hasStatusOk().bodyJson().extractingPath("$.relation").isEqualTo("EQUAL");
            assertThat(mvc.delete().uri("/api/environments/{id}/components/{c}", env, gateway))
                    .hasStatus(HttpStatus.NO_CONTENT);

            assertThat(mvc.get().uri("/api/environments/{id}/components", env)).bodyJson()
                    .extractingPath("$").asArray().isEmpty();
            JsonNode history = fx.get("/api/environments/{id}/components/{c}/history", env, gateway);
            assertThat(history).hasSize(3);
            assertThat(history.get(0).get("from").asString()).isEqualTo("2.3.10");
            assertThat(history.get(0).get("to").isNull()).isTrue();
            assertThat(history.get(1).get("from").asString()).isEqualTo("2.3.9");
            assertThat(history.get(1).get("to").asString()).isEqualTo("2.3.10");
            assertThat(history.get(2).get("from").isNull()).isTrue();
            assertThat(history.get(2).get("to").asString()).isEqualTo("2.3.9");
            assertThat(history.get(2).get("source").asString()).isEqualTo("MANUAL");
            assertThat(history.get(2).get("actor").get("name").asString()).isNotBlank();
            assertThat(history.get(2).get("actor").propertyNames()).containsExactly("id", "name");
            assertThat(history.get(2).get("at").asString()).isNotBlank();
        }

        @Test
        void listsComponentsWithMainlineAndRelation() {
            String behind = fx.installed(env, "2.3.10", "2.3.9");
            String ahead = fx.installed(env, "1.0.0", "1.0.1-rc1");
            String unknown = fx.installed(env, null, "7");

            JsonNode list = fx.get("/api/environments/{id}/components", env);
            assertThat(list).hasSize(3);
            for (JsonNode item : list) {
                String component = item.get("component").asString();
                String expected = component.equals(behind) ? "BEHIND" : component.equals(ahead) ? "AHEAD"
                        : "UNKNOWN";
                assertThat(item.get("relation").asString()).as(component).isEqualTo(expected);
                assertThat(item.get("updatedBy").get("name").asString()).isEqualTo(TestTokens.DEFAULT_NAME);
                assertThat(item.get("updatedBy").get("id").asString()).isEqualTo(TestTokens.DEFAULT_SUBJECT);
                assertThat(item.get("updatedAt").asString()).isNotBlank();
            }
            assertThat(list.findValuesAsString("mainlineVersion")).contains("2.3.10", "1.0.0");
        }

        @Test
        void refusesUnknownComponentsDuplicatesAndBadVersions() {
            String gateway = fx.installed(env, "1.0", "1.0");

            assertThat(mvc.post().uri("/api/environments/{id}/components", env).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"component\":\"" + unique("ghost") + "\",\"version\":\"1.0\"}"))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field")
                    .isEqualTo("component");
            assertThat(mvc.post().uri("/api/environments/{id}/components", env).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"component\":\"" + gateway + "\",\"version\":\"1.1\"}"))
                    .hasStatus(HttpStatus.CONFLICT).bodyJson().extractingPath("$.errors[0].field")
                    .isEqualTo("component");
            assertThat(mvc.put().uri("/api/environments/{id}/components/{c}", env, gateway)
                    .contentType(MediaType.APPLICATION_JSON).content("{\"version\":\"1 .1\"}"))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field")
                    .isEqualTo("version");
            assertThat(mvc.put().uri("/api/environments/{id}/components/{c}", env, unique("absent"))
                    .contentType(MediaType.APPLICATION_JSON).content("{\"version\":\"1.1\"}"))
                    .hasStatus(HttpStatus.NOT_FOUND);
            assertThat(mvc.get().uri("/api/environments/{id}/components", UUID.randomUUID()))
                    .hasStatus(HttpStatus.NOT_FOUND);

            assertThat(fx.get("/api/environments/{id}/components", env).get(0).get("version").asString())
                    .isEqualTo("1.0");
        }
    }

    @Nested
    class ManyAtOnce {

        @Test
        void setsAListOfComponentsAddingAndChanging() {
            String a = fx.installed(env, "1.0", "0.9");
            String b = fx.component("2.0");

            assertThat(mvc.put().uri("/api/environments/{id}/components", env).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"items\":[{\"component\":\"" + a + "\",\"version\":\"1.0\"},"
                            + "{\"component\":\"" + b + "\",\"version\":\"2.0\"}]}"))
                    .hasStatusOk().bodyJson().extractingPath("$.changed").isEqualTo(2);
            assertThat(fx.get("/api/environments/{id}/components", env).findValuesAsString("version"))
                    .containsExactlyInAnyOrder("1.0", "2.0");
        }

        @Test
        void refusesAListWithBadItemsAndAppliesNothing() {
            String a = fx.installed(env, "1.0", "0.9");

            assertThat(mvc.put().uri("/api/environments/{id}/components", env).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"items\":[{\"component\":\"" + a + "\",\"version\":\"1.0\"},"
                            + "{\"component\":\"" + unique("ghost") + "\",\"version\":\"2.0\"}]}"))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field")
                    .isEqualTo("items[1].component");
            assertThat(mvc.put().uri("/api/environments/{id}/components", env).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"items\":[{\"component\":\"" + a + "\",\"version\":\"\"}]}"))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[*].field").asArray()
                    .contains("items[0].version");

            assertThat(fx.get("/api/environments/{id}/components", env).get(0).get("version").asString())
                    .isEqualTo("0.9");
        }

        @Test
        void importsCsvLines() {
            String a = fx.installed(env, "1.0", "0.9");
            String b = fx.component("2.0");
            String csv = "component,version\n# current state\n" + a + ",1.0\n\n\"" + b + "\",v2.0\n";

            assertThat(mvc.post().uri("/api/environments/{id}/components/import", env)
                    .contentType("text/csv").content(csv))
                    .hasStatusOk().bodyJson().extractingPath("$.changed").isEqualTo(2);
            assertThat(fx.get("/api/environments/{id}/components", env).findValuesAsString("version"))
                    .containsExactlyInAnyOrder("1.0", "v2.0");
            assertThat(fx.get("/api/environments/{id}/components/{c}/history", env, b).get(0).get("source")
                    .asString()).isEqualTo("MANUAL");
        }

        @Test
        void importsAnUploadedCsvFile() {
            String a = fx.component("1.0");
            assertThat(mvc.post().uri("/api/environments/{id}/components/import", env).multipart()
                    .file(new MockMultipartFile("file", "versions.csv", "text/csv", (a + ",1.0\n").getBytes())))
                    .hasStatusOk().bodyJson().extractingPath("$.changed").isEqualTo(1);
        }

        @Test
        void reportsEveryBadCsvLineAndAppliesNothing() {
            String a = fx.installed(env, "1.0", "0.9");
            String b = fx.component("1.0");
            String csv = String.join("\n", "component,version", a + ",1.0", "only-one-field",
                    unique("ghost") + ",1.0", b + ",not a version", a + ",1.1", b + ",1.0");

            assertThat(mvc.post().uri("/api/environments/{id}/components/import", env)
                    .contentType("text/csv").content(csv))
                    .hasStatus(HttpStatus.BAD_REQUEST)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .bodyJson().extractingPath("$.errors[*].field").asArray()
                    .containsExactly("line 3", "line 4", "line 5", "line 6");

            JsonNode list = fx.get("/api/environments/{id}/components", env);
            assertThat(list).hasSize(1);
            assertThat(list.get(0).get("version").asString()).isEqualTo("0.9");
        }

        @Test
        void refusesAnImportWithMoreLinesThanTheLimitBeforeCheckingThem() {
            String a = fx.installed(env, "1.0", "0.9");
            StringBuilder csv = new StringBuilder("component,version\n# comments and blank lines do not count\n\n");
            for (int i = 0; i < 2001; i++) {
                csv.append(unique("c")).append(",1.0\n");
            }

            var result = mvc.post().uri("/api/environments/{id}/components/import", env)
                    .contentType("text/csv").content(csv.toString()).exchange();
            assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
            JsonNode body = json.readTree(result.getResponse().getContentAsByteArray());
            assertThat(body.get("errors")).hasSize(1);
            assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("file");
            assertThat(body.get("errors").get(0).get("message").asString()).contains("2001").contains("2000");
            assertThat(body.get("detail").asString()).isNotBlank();
            assertThat(fx.get("/api/environments/{id}/components", env).get(0).get("version").asString())
                    .isEqualTo("0.9");
        }

        @Test
        void listsOnlyTheFirstHundredBadLinesAndHowManyThereWere() {
            StringBuilder csv = new StringBuilder();
            for (int i = 0; i < 2000; i++) {
                csv.append("only-one-field-").append(i).append('\n');
            }

            var result = mvc.post().uri("/api/environments/{id}/components/import", env)
                    .contentType("text/csv").content(csv.toString()).exchange();
            assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
            JsonNode body = json.readTree(result.getResponse().getContentAsByteArray());
            assertThat(body.get("errors")).hasSize(100);
            assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("line 1");
            assertThat(body.get("errors").get(99).get("field").asString()).isEqualTo("line 100");
            assertThat(body.get("errorCount").asInt()).isEqualTo(2000);
            assertThat(result.getResponse().getContentAsByteArray().length).isLessThan(20_000);
        }

        @Test
        void refusesAnEmptyImport() {
            assertThat(mvc.post().uri("/api/environments/{id}/components/import", env)
                    .contentType("text/csv").content("component,version\n"))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field")
                    .isEqualTo("file");
        }
    }
}
