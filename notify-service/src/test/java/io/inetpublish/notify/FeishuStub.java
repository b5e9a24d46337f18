package io.inetpublish.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.inetpublish.common.test.SuiteWireMock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Feishu for the suite: ONE WireMock server answering as docs/integrations.md §2 says (tenant token, im/v1/messages,
 * the update of a card, custom bot webhook). Tests add their own higher-priority stubs for error cases, keyed on their
 * own recipients, and remove them afterwards. Also makes the sender quick (short poll and backoff) for the tests.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FeishuStub {

    public static final String APP_ID = "cli_test_app";
    public static final String APP_SECRET = "test-app-secret";
    public static final String TOKEN_PATH = "/open-apis/auth/v3/tenant_access_token/internal";
    public static final String MESSAGES_URL = "/open-apis/im/v1/messages?receive_id_type=open_id";
    public static final String HOOK_PATH = "/open-apis/bot/v2/hook/";
    public static final String UPDATE_PATH = "/open-apis/im/v1/messages/";

    static final WireMockServer WIREMOCK = start();

    private static WireMockServer start() {
        WireMockServer server = SuiteWireMock.start();
        // tenant token: a new random token per issue so renewals are visible in the requests
        server.stubFor(post(urlEqualTo(TOKEN_PATH)).atPriority(10)
                .withRequestBody(equalToJson("{\"app_id\":\"" + APP_ID + "\",\"app_secret\":\"" + APP_SECRET + "\"}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-{{randomValue length=24 type='ALPHANUMERIC'}}\",\"expire\":7200}")
                        .withTransformers("response-template")));
        // any message with a tenant token is accepted
        server.stubFor(post(urlEqualTo(MESSAGES_URL)).atPriority(10)
                .withHeader("Authorization", matching("Bearer t-.+"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"code":0,"msg":"success","data":{"message_id":"om_{{randomValue length=20 type='ALPHANUMERIC'}}",
                                "msg_type":"interactive","create_time":"1615380573411","update_time":"1615380573411",
                                "deleted":false,"updated":false,"chat_id":"oc_5ad11d72b830411d72b836c20","sender":{"id":"cli_test_app",
                                "id_type":"app_id","sender_type":"app","tenant_key":"736588c9260f175e"},"body":{"content":"{}"}}}""")
                        .withTransformers("response-template")));
        // an update of an app's card (PATCH im/v1/messages/:message_id): accepted for a shared card (update_multi);
        // anything else answers as Feishu does when it cannot build the card (docs/feishu-card-callback.md §7)
        server.stubFor(patch(urlPathMatching(UPDATE_PATH + "om_[A-Za-z0-9]+")).atPriority(10)
                .withHeader("Authorization", matching("Bearer t-.+"))
                .withRequestBody(matchingJsonPath("$.content", matching("(?s).*\"update_multi\":\\s*true.*")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":0,\"msg\":\"success\",\"data\":{}}")));
        server.stubFor(patch(urlPathMatching(UPDATE_PATH + ".*")).atPriority(20)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":230099,\"msg\":\"Failed to create card content, ext=not a shared card\"}")));
        // webhooks whose token starts with "ok-" succeed
        server.stubFor(post(urlPathMatching(HOOK_PATH + "ok-.*")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"StatusCode\":0,\"StatusMessage\":\"success\",\"code\":0,\"data\":{},\"msg\":\"success\"}")));
        return server;
    }

    public static WireMockServer wiremock() {
        return WIREMOCK;
    }

    @Bean
    DynamicPropertyRegistrar feishuStubProperties() {
        return registry -> {
            registry.add("inetpublish.feishu.base-url", WIREMOCK::baseUrl);
            // Feishu answering slowly ends a call quickly (OutsideCallsIT); the outages other tests stage (several
            // messages failing a few times each) stay below the breaker's minimum, so they see every attempt
            registry.add("inetpublish.outside.feishu.read-timeout", () -> "1500ms");
            registry.add("resilience4j.circuitbreaker.instances.feishu.sliding-window-size", () -> "100");
            registry.add("resilience4j.circuitbreaker.instances.feishu.minimum-number-of-calls", () -> "60");
            registry.add("inetpublish.feishu.app-id", () -> APP_ID);
            registry.add("inetpublish.feishu.app-secret", () -> APP_SECRET);
            registry.add("inetpublish.notify.platform-base-url", () -> "https://platform.example.com");
            registry.add("inetpublish.notify.sender.poll-interval", () -> "100ms");
            registry.add("inetpublish.notify.sender.initial-backoff", () -> "300ms");
            registry.add("inetpublish.notify.sender.max-backoff", () -> "1s");
            // events of this suite travel on their own exchange and queues, away from services running locally
            registry.add("inetpublish.messaging.exchange", () -> "test.notify.events");
            registry.add("inetpublish.messaging.queue-prefix", () -> "test.");
        };
    }

}
