package io.inetpublish.notify.feishu;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.inetpublish.common.i18n.StoredText;
import io.inetpublish.common.net.IntegrationHosts;
import io.inetpublish.common.outside.OutsideCall;
import io.inetpublish.common.outside.OutsideCalls;
import io.inetpublish.notify.config.FeishuProperties;
import io.inetpublish.notify.settings.SettingsService.AppCredentials;
import io.inetpublish.notify.settings.SettingsService.WebhookTarget;
import lombok.extern.slf4j.Slf4j;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Feishu's messaging wire protocol (docs/integrations.md §2): the tenant token, app bot messages to a person
 * ({@code im/v1/messages}, {@code content} a JSON string, {@code uuid} for dedup), the update of a card the app sent
 * ({@code PATCH im/v1/messages/:message_id}, docs/feishu-card-callback.md §7) and custom bot webhooks (card as an
 * object, signed when the bot has a secret). Every answer is classified into a {@link DeliveryResult}; nothing is
 * thrown to the caller. Secrets and tokens are never logged. Every request goes through the outside call
 * {@value #INSTANCE} (timeouts and circuit breaker in {@code application.yml}; README, "Outside calls"): a 5xx or no
 * answer counts as a failure, and while the circuit is open a message fails at once as transient and is sent again
 * later (NotificationSender's backoff; the message {@code uuid} keeps Feishu from showing it twice).
 */
@Slf4j
@Component
public class FeishuClient {

    static final String INSTANCE = "feishu";

    private static final MediaType JSON_UTF8 = new MediaType("application", "json", StandardCharsets.UTF_8);
    private static final Duration DEFAULT_RATE_WAIT = Duration.ofSeconds(1);

    private final OutsideCall feishu;
    private final RestClient rest;
    private final JsonMapper json;
    private final Clock clock;
    private final URI base;
    private final TenantTokenCache tokens;
    private final IntegrationHosts hosts;

    FeishuClient(OutsideCalls outside, JsonMapper json, Clock clock, FeishuProperties properties,
            IntegrationHosts hosts) {
        this.hosts = hosts;
        this.feishu = outside.get(INSTANCE);
        this.rest = RestClient.builder().requestFactory(feishu.requestFactory()).build();
        this.json = json;
        this.clock = clock;
        this.base = properties.baseUrl();
        this.tokens = new TenantTokenCache(this::fetchToken, clock, properties.tokenRefreshMargin());
    }

    /** Sends an interactive card to a person by open_id, renewing the tenant token once if Feishu refuses it. */
    public DeliveryResult sendToUser(AppCredentials app, String openId, String uuid, String cardJson) {
        ObjectNode body = json.createObjectNode();
        body.put("receive_id", openId);
        body.put("msg_type", "interactive");
        body.put("content", cardJson);
        body.put("uuid", uuid);
        return withTenantToken(app, HttpMethod.POST, resolve("/open-apis/im/v1/messages?receive_id_type=open_id"),
                json.writeValueAsString(body), FeishuClient::classifyMessage);
    }

    /**
     * Replaces the card of a message the app sent ({@code PATCH /open-apis/im/v1/messages/:message_id}, body
     * {@code {"content": "<card as a JSON string>"}}; docs/feishu-card-callback.md §7). Feishu shows the new card to
     * everyone who received the message when both cards are shared ({@code config.update_multi: true}). An update
     * replaces the whole card and can be repeated, so a retry after a lost answer is harmless.
     */
    public DeliveryResult updateCard(AppCredentials app, String messageId, String cardJson) {
        ObjectNode body = json.createObjectNode();
        body.put("content", cardJson);
        return withTenantToken(app, HttpMethod.PATCH, resolve("/open-apis/im/v1/messages/"
                + UriUtils.encodePathSegment(messageId, StandardCharsets.UTF_8)), json.writeValueAsString(body),
                a -> classify(a, FeishuCodes.UPDATE_PERMANENT, "delivery.update.", messageId));
    }

    /** Calls with the app's tenant token, renewing it once if Feishu refuses it. */
    private DeliveryResult withTenantToken(AppCredentials app, HttpMethod method, URI uri, String payload,
            java.util.function.Function<HttpAnswer, DeliveryResult> classify) {
        DeliveryResult refused = refused(uri);
        if (refused != null) {
            return refused;
        }
        for (int round = 1;; round++) {
            String token;
            try {
                token = tokens.get(app);
            } catch (TokenUnavailableException ex) {
                return ex.result;
            }
            HttpAnswer answer;
            try {
                answer = call(method, uri, token, payload);
            } catch (Unreachable ex) {
                return new DeliveryResult.Transient(ex.describe(StoredText.of("delivery.where.feishu", base)));
            }
            int code = answer.code();
            if (FeishuCodes.TOKEN_INVALID.contains(code)) {
                tokens.invalidate(token);
                if (round == 1) {
                    log.info("Feishu refused the tenant token ({}); fetching a new one", code);
                    continue;
                }
                return new DeliveryResult.Transient(StoredText.of("delivery.token-refused-twice", answer.describe()));
            }
            return classify.apply(answer);
        }
    }

    /** Posts an interactive card to a custom group bot, with {@code timestamp} and {@code sign} if it has a secret. */
    public DeliveryResult sendToWebhook(WebhookTarget target, String cardJson) {
        ObjectNode body = json.createObjectNode();
        if (target.secret() != null && !target.secret().isEmpty()) {
            long timestamp = clock.instant().getEpochSecond();
            body.put("timestamp", String.valueOf(timestamp));
            body.put("sign", WebhookSigner.sign(timestamp, target.secret()));
        }
        body.put("msg_type", "interactive");
        body.set("card", json.readTree(cardJson));
        URI uri;
        try {
            uri = URI.create(target.url());
        } catch (IllegalArgumentException ex) {
            return new DeliveryResult.Permanent(StoredText.of("delivery.webhook-url-invalid", target.name()));
        }
        DeliveryResult refused = refused(uri);
        if (refused != null) {
            return refused;
        }
        HttpAnswer answer;
        try {
            answer = call(HttpMethod.POST, uri, null, json.writeValueAsString(body));
        } catch (Unreachable ex) {
            return new DeliveryResult.Transient(ex.describe(StoredText.of("delivery.where.webhook", uri.getHost())));
        }
        return classifyWebhook(answer);
    }

    static DeliveryResult classifyMessage(HttpAnswer a) {
        JsonNode id = a.body().path("data").path("message_id");
        return classify(a, FeishuCodes.MESSAGE_PERMANENT, "delivery.feishu.", id.isString() ? id.stringValue() : null);
    }

    /**
     * An answer of im/v1/messages (send or update): {@code messageId} is what a success reports; a permanent error's
     * meaning is the message {@code meanings + code}.
     */
    private static DeliveryResult classify(HttpAnswer a, Set<Integer> permanent, String meanings, String messageId) {
        int code = a.code();
        if (a.status() == 429 || code == FeishuCodes.RATE_LIMITED) {
            return new DeliveryResult.RateLimited(resetWait(a), StoredText.of("delivery.rate-limited", a.describe()),
                    true);
        }
        if (a.status() / 100 == 2 && code == FeishuCodes.OK) {
            return new DeliveryResult.Sent(messageId);
        }
        if (code == FeishuCodes.FREQUENCY_LIMIT) {
            return new DeliveryResult.RateLimited(resetWait(a), StoredText.of("delivery.frequency-limit", a.describe()),
                    false);
        }
        if (permanent.contains(code)) {
            return new DeliveryResult.Permanent(StoredText.of("delivery.feishu-code", StoredText.of(
                    meanings + code), a.describe()));
        }
        return new DeliveryResult.Transient(StoredText.of("delivery.answer", a.describe()));
    }

    static DeliveryResult classifyWebhook(HttpAnswer a) {
        int code = a.code();
        if (a.status() == 429 || code == FeishuCodes.RATE_LIMITED || code == FeishuCodes.WEBHOOK_THROTTLED
                || (code == FeishuCodes.WEBHOOK_BAD_REQUEST && a.msg().toLowerCase().contains("too many"))) {
            return new DeliveryResult.RateLimited(resetWait(a), StoredText.of("delivery.rate-limited", a.describe()),
                    true);
        }
        if (a.status() / 100 == 2 && (code == FeishuCodes.OK
                || (code < 0 && a.body().path("StatusCode").isNumber() && a.body().path("StatusCode").intValue() == 0))) {
            return new DeliveryResult.Sent(null);
        }
        if (FeishuCodes.WEBHOOK_PERMANENT.contains(code)) {
            return new DeliveryResult.Permanent(StoredText.of("delivery.feishu-code", StoredText.of(
                    "delivery.webhook." + code), a.describe()));
        }
        if (a.status() >= 500) {
            return new DeliveryResult.Transient(StoredText.of("delivery.answer", a.describe()));
        }
        if (a.status() >= 400) {
            return new DeliveryResult.Permanent(StoredText.of("delivery.webhook-refused", a.describe()));
        }
        return new DeliveryResult.Transient(StoredText.of("delivery.answer", a.describe()));
    }

    private static Duration resetWait(HttpAnswer a) {
        if (a.ratelimitReset() != null) {
            try {
                long seconds = Long.parseLong(a.ratelimitReset().strip());
                if (seconds >= 0) {
                    return Duration.ofSeconds(Math.max(seconds, 1));
                }
            } catch (NumberFormatException ignored) {
                // fall through to the default
            }
        }
        return DEFAULT_RATE_WAIT;
    }

    private TenantTokenCache.IssuedToken fetchToken(AppCredentials app) {
        String payload = json.writeValueAsString(Map.of("app_id", app.appId(), "app_secret", app.appSecret()));
        URI uri = resolve("/open-apis/auth/v3/tenant_access_token/internal");
        DeliveryResult refused = refused(uri);
        if (refused != null) {
            throw new TokenUnavailableException(refused);
        }
        HttpAnswer answer;
        try {
            answer = call(HttpMethod.POST, uri, null, payload);
        } catch (Unreachable ex) {
            throw new TokenUnavailableException(new DeliveryResult.Transient(
                    ex.describe(StoredText.of("delivery.where.token", base))));
        }
        if (answer.status() == 429 || answer.code() == FeishuCodes.RATE_LIMITED) {
            throw new TokenUnavailableException(new DeliveryResult.RateLimited(resetWait(answer),
                    StoredText.of("delivery.token-rate-limited", answer.describe()), true));
        }
        JsonNode token = answer.body().path("tenant_access_token");
        JsonNode expire = answer.body().path("expire");
        if (answer.status() / 100 != 2 || answer.code() != FeishuCodes.OK || !token.isString()
                || !expire.isNumber()) {
            throw new TokenUnavailableException(new DeliveryResult.Transient(
                    StoredText.of("delivery.token-refused", app.appId(), answer.describe())));
        }
        return new TenantTokenCache.IssuedToken(token.stringValue(), Duration.ofSeconds(expire.longValue()));
    }

    /**
     * Null when the request may go out (common {@link IntegrationHosts}: an allowed host, not the platform's own
     * address, no URL tricks), else why not: a permanent failure, nothing was sent.
     */
    private DeliveryResult refused(URI uri) {
        try {
            hosts.requireAllowed(uri);
            return null;
        } catch (IntegrationHosts.RefusedException ex) {
            log.warn("Not sending to {}: {}", uri.getHost(), ex.getMessage());
            return new DeliveryResult.Permanent(StoredText.of("delivery.not-sent", ex.reason()));
        }
    }

    /**
     * Feishu's answer (a 5xx too, after the breaker counted it as a failure).
     *
     * @throws Unreachable no answer (refused, timed out) or the circuit is open
     */
    private HttpAnswer call(HttpMethod method, URI uri, String bearer, String payload) {
        try {
            return feishu.call(() -> {
                HttpAnswer answer = rest.method(method).uri(uri).contentType(JSON_UTF8).accept(MediaType.APPLICATION_JSON)
                        .headers(h -> {
                            if (bearer != null) {
                                h.setBearerAuth(bearer);
                            }
                        })
                        .body(payload)
                        .exchange((request, response) -> answer(response.getStatusCode().value(),
                                response.getHeaders(), StreamUtils.copyToString(response.getBody(),
                                        StandardCharsets.UTF_8)));
                if (answer.status() >= 500) {
                    throw new ServerFailed(answer);
                }
                return answer;
            });
        } catch (ServerFailed failed) {
            return failed.answer;
        } catch (CallNotPermittedException ex) {
            throw new Unreachable(true);
        } catch (RestClientException ex) {
            log.info("Feishu call to {} failed: {}", uri.getHost(), ex.getMessage());
            throw new Unreachable(false);
        }
    }

    /** A 5xx answer, thrown through the breaker so that it counts as a failure. */
    private static final class ServerFailed extends RuntimeException {

        private final transient HttpAnswer answer;

        ServerFailed(HttpAnswer answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }

    /** Feishu did not answer, or the circuit is open and nothing was sent. */
    private static final class Unreachable extends RuntimeException {

        private final boolean circuitOpen;

        Unreachable(boolean circuitOpen) {
            super(null, null, false, false);
            this.circuitOpen = circuitOpen;
        }

        StoredText describe(StoredText where) {
            return StoredText.of(circuitOpen ? "delivery.circuit-open" : "delivery.unreachable", where);
        }
    }

    private HttpAnswer answer(int status, HttpHeaders headers, String raw) throws IOException {
        JsonNode body;
        try {
            body = raw == null || raw.isBlank() ? MissingNode.getInstance() : json.readTree(raw);
        } catch (JacksonException ex) {
            body = MissingNode.getInstance();
        }
        return new HttpAnswer(status, headers.getFirst("x-ogw-ratelimit-reset"), body, raw);
    }

    private URI resolve(String pathAndQuery) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + pathAndQuery);
    }

    private static final class TokenUnavailableException extends RuntimeException {

        private final transient DeliveryResult result;

        TokenUnavailableException(DeliveryResult result) {
            super(null, null, false, false);
            this.result = result;
        }
    }
}
