package io.inetpublish.release.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.inetpublish.release.ReleaseIntegrationTest;
import io.inetpublish.release.ReleaseItSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMultipartMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * Problem details speak the person's language (issue 16, item 5): Chinese without {@code Accept-Language} (or with a
 * language the platform does not speak), English when the request prefers it; the same field named either way, and
 * nothing stored.
 */
@ReleaseIntegrationTest
class ProblemLanguageIT extends ReleaseItSupport {

    private MvcTestResult in(String language, MockMvcRequestBuilder request) {
        return (language == null ? request : request.header(HttpHeaders.ACCEPT_LANGUAGE, language)).exchange();
    }

    private MvcTestResult in(String language, MockMultipartMvcRequestBuilder request) {
        if (language != null) {
            request.header(HttpHeaders.ACCEPT_LANGUAGE, language);
        }
        return request.exchange();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "none, 请求中有字段填写有误, 不能为空, 请求有误",
            "zh-CN, 请求中有字段填写有误, 不能为空, 请求有误",
            "fr, 请求中有字段填写有误, 不能为空, 请求有误",
            "en, The request has invalid fields, must not be blank, Bad request",
            "'en-US,en;q=0.9,zh;q=0.5', The request has invalid fields, must not be blank, Bad request"})
    void aValidationProblemIsInTheRequestsLanguage(String language, String detail, String message, String title) {
        String ticket = unique("T");
        MvcTestResult result = in(language, mvc.post().uri("/api/releases").contentType(MediaType.APPLICATION_JSON)
                .content(releaseBody("", ticket, unique("gateway"))));

        JsonNode problem = refused(result, HttpStatus.BAD_REQUEST);
        assertThat(problem.get("title").asString()).isEqualTo(title);
        assertThat(problem.get("detail").asString()).isEqualTo(detail);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("title");
        assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo(message);
        assertThat(count("select count(*) from release_ticket where ticket_id = ?", ticket)).isZero();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "none, “{0}”不是组件目录中的组件",
            "en, \"{0}\" is not a known component of the catalog"})
    void aFieldExceptionIsInTheRequestsLanguageWithItsArguments(String language, String expected) {
        String known = unique("gateway");
        customerService.component(known);
        String unknown = unique("nowhere");
        String title = unique("Release");
        MvcTestResult result = in(language, mvc.post().uri("/api/releases").contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"title":"%s","tickets":[{"id":"T-1"}],"items":[{"component":"%s","version":"1.0"},
                         {"component":"%s","version":"1.0"}],"updateType":"HOT","configChange":false}"""
                        .formatted(title, known, unknown)));

        JsonNode problem = refused(result, HttpStatus.BAD_REQUEST);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("items[1].component");
        assertThat(problem.get("errors").get(0).get("message").asString())
                .isEqualTo(expected.replace("{0}", unknown));
        assertThat(problem.get("detail").asString()).isEqualTo(expected.replace("{0}", unknown));
        assertThat(count("select count(*) from release_record where title = ?", title)).isZero();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "none, 证据文件“deploy.log”是空的",
            "en, evidence file \"deploy.log\" is empty"})
    void anUploadProblemIsInTheRequestsLanguage(String language, String expected) {
        UUID customer = UUID.randomUUID();
        UUID prod = UUID.randomUUID();
        customerService.environment(prod, customer, "Acme 银行", "Wang Wu", "prod");
        String releaseId = submitRelease(unique("gateway")).get("id").asString();

        MvcTestResult result = in(language, mvc.post().uri("/api/releases/{id}/deployments", releaseId).multipart()
                .file(new MockMultipartFile("deployment", "", MediaType.APPLICATION_JSON_VALUE, """
                        {"customerId":"%s","environmentIds":["%s"],"notes":"done"}""".formatted(customer, prod)
                        .getBytes(StandardCharsets.UTF_8)))
                .file(new MockMultipartFile("evidence", "deploy.log", "text/plain", new byte[0])));

        JsonNode problem = refused(result, HttpStatus.BAD_REQUEST);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("evidence[0]");
        assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo(expected);
        assertThat(count("select count(*) from customer_deployment where release_id = ?", UUID.fromString(releaseId)))
                .isZero();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {"none, 发布记录 {0} 不存在, 不存在", "en, Release record {0} does not exist, Not found"})
    void aMissingThingIsNamedInTheRequestsLanguage(String language, String expected, String title) {
        UUID id = UUID.randomUUID();
        JsonNode problem = refused(in(language, mvc.get().uri("/api/releases/{id}", id)), HttpStatus.NOT_FOUND);
        assertThat(problem.get("detail").asString()).isEqualTo(expected.replace("{0}", id.toString()));
        assertThat(problem.get("title").asString()).isEqualTo(title);
    }

    @Test
    void aBodyOverTheLimitIsRefusedInTheRequestsLanguageBeforeItIsRead() {
        String big = "{\"title\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}";
        JsonNode zh = refused(in(null, mvc.post().uri("/api/releases").contentType(MediaType.APPLICATION_JSON)
                .content(big)), HttpStatus.CONTENT_TOO_LARGE);
        JsonNode en = refused(in("en", mvc.post().uri("/api/releases").contentType(MediaType.APPLICATION_JSON)
                .content(big)), HttpStatus.CONTENT_TOO_LARGE);
        assertThat(zh.get("detail").asString()).isEqualTo("请求内容超过 2 MB，什么也没有保存");
        assertThat(en.get("detail").asString()).isEqualTo("The request body is larger than 2 MB; nothing was stored");
    }

    private JsonNode refused(MvcTestResult result, HttpStatus status) {
        assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return read(result);
    }
}
