package io.inetpublish.auth.feishu;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.inetpublish.auth.config.AuthProperties;
import io.inetpublish.common.outside.OutsideCall;
import io.inetpublish.common.outside.OutsideCalls;
import io.inetpublish.common.web.DownstreamUnavailableException;
import lombok.extern.slf4j.Slf4j;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Feishu's contact API with the app's tenant token (docs/feishu-contact.md): an e-mail to an open_id
 * ({@code POST /open-apis/contact/v3/users/batch_get_id}) and an open_id to the person's name and e-mail
 * ({@code GET /open-apis/contact/v3/users/:user_id}). "Nobody" answers are empty results; a refused or expired tenant
 * token is fetched again once; anything else (5xx, 429, unreachable, the circuit open) is a 503 for the caller,
 * nothing stored. Calls go through the outside call {@value FeishuOAuthClient#INSTANCE} (README, "Outside calls").
 */
@Component
@Slf4j
public class FeishuContactClient {

    static final String FEISHU = "Feishu contact API";
    /** Feishu: the id names nobody / someone outside the app's contact scope. */
    static final int USER_ID_INVALID = 41012;
    static final int NO_USER_AUTHORITY = 41050;
    private static final List<Integer> TOKEN_REFUSED = List.of(99991661, 99991663, 99991671, 99991677);

    private final AuthProperties.Feishu feishu;
    private final OutsideCall outside;
    private final RestClient http;
    private final Clock clock;
    private String tenantToken;
    private Instant tenantTokenUntil = Instant.EPOCH;

    /** A person as Feishu's contact book knows them. */
    public record Person(String openId, String name, String email) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Envelope<T>(Integer code, String msg, T data) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenAnswer(Integer code, String msg, @JsonProperty("tenant_access_token") String tenantAccessToken,
            Long expire) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record IdList(@JsonProperty("user_list") List<IdEntry> userList) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record IdEntry(@JsonProperty("user_id") String userId, String email) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record UserData(User user) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record User(@JsonProperty("open_id") String openId, String name, String email) {
    }

    FeishuContactClient(AuthProperties properties, Clock clock, OutsideCalls outsideCalls) {
        this.feishu = properties.feishu();
        this.clock = clock;
        this.outside = outsideCalls.get(FeishuOAuthClient.INSTANCE);
        this.http = RestClient.builder().baseUrl(feishu.apiBaseUrl()).requestFactory(outside.requestFactory()).build();
    }

    /** The open_id of the person with this e-mail, empty when Feishu knows nobody with it. */
    public Optional<String> openIdByEmail(String email) {
        Envelope<IdList> answer = call(() -> withToken(token -> http.post()
                .uri("/open-apis/contact/v3/users/batch_get_id?user_id_type=open_id")
                .header("Authorization", "Bearer " + token)
                .contentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8))
                .body(Map.of("emails", List.of(email), "include_resigned", false))
                .exchange((request, response) -> {
                    if (response.getStatusCode().is5xxServerError() || response.getStatusCode().value() == 429) {
                        throw new DownstreamUnavailableException(FEISHU, null);
                    }
                    return response.bodyTo(new org.springframework.core.ParameterizedTypeReference<Envelope<IdList>>() {
                    });
                })));
        if (answer.data() == null || answer.data().userList() == null) {
            return Optional.empty();
        }
        return answer.data().userList().stream().filter(e -> e.userId() != null && !e.userId().isBlank())
                .map(IdEntry::userId).findFirst();
    }

    /** Name and e-mail of the person with this open_id; empty for an unknown id or one outside the app's scope. */
    public Optional<Person> person(String openId) {
        Envelope<UserData> answer;
        try {
            answer = call(() -> withToken(token -> http.get()
                    .uri("/open-apis/contact/v3/users/{id}?user_id_type=open_id", openId)
                    .header("Authorization", "Bearer " + token)
                    .exchange((request, response) -> {
                        if (response.getStatusCode().is5xxServerError() || response.getStatusCode().value() == 429) {
                            throw new DownstreamUnavailableException(FEISHU, null);
                        }
                        return response.bodyTo(
                                new org.springframework.core.ParameterizedTypeReference<Envelope<UserData>>() {
                                });
                    })));
        } catch (NobodyException nobody) {
            return Optional.empty();
        }
        User user = answer.data() == null ? null : answer.data().user();
        if (user == null || user.openId() == null) {
            return Optional.empty();
        }
        return Optional.of(new Person(user.openId(), user.name() == null || user.name().isBlank() ? user.openId()
                : user.name(), user.email()));
    }

    /** Feishu said the id names nobody the app may see. */
    static final class NobodyException extends RuntimeException {
        NobodyException(int code) {
            super("Feishu code " + code);
        }
    }

    /**
     * One look-up through the breaker: "nobody" is an answer (ignored by the breaker, see application.yml); refused,
     * timed out, 5xx, 429 or the circuit open is a 503.
     */
    private <T> T call(Supplier<T> lookUp) {
        try {
            return outside.call(lookUp);
        } catch (NobodyException | DownstreamUnavailableException answer) {
            throw answer;
        } catch (RuntimeException ex) {
            throw new DownstreamUnavailableException(FEISHU, ex);
        }
    }

    private <T> Envelope<T> withToken(java.util.function.Function<String, Envelope<T>> call) {
        for (int attempt = 0; attempt < 2; attempt++) {
            Envelope<T> answer = call.apply(tenantToken(attempt > 0));
            if (answer == null || answer.code() == null) {
                throw new DownstreamUnavailableException(FEISHU, null);
            }
            if (answer.code() == 0) {
                return answer;
            }
            if (answer.code() == USER_ID_INVALID || answer.code() == NO_USER_AUTHORITY) {
                throw new NobodyException(answer.code());
            }
            if (!TOKEN_REFUSED.contains(answer.code())) {
                log.warn("Feishu contact API refused: {} {}", answer.code(), answer.msg());
                throw new DownstreamUnavailableException(FEISHU + " (code " + answer.code() + ")", null);
            }
            log.info("Feishu refused the tenant token ({}); fetching a new one", answer.code());
        }
        throw new DownstreamUnavailableException(FEISHU + " (tenant token refused)", null);
    }

    private synchronized String tenantToken(boolean renew) {
        Instant now = clock.instant();
        if (!renew && tenantToken != null && now.isBefore(tenantTokenUntil)) {
            return tenantToken;
        }
        TokenAnswer answer = http.post().uri("/open-apis/auth/v3/tenant_access_token/internal")
                .contentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8))
                .body(Map.of("app_id", feishu.appId(), "app_secret", feishu.appSecret()))
                .exchange((request, response) -> response.bodyTo(TokenAnswer.class));
        if (answer == null || answer.code() == null || answer.code() != 0 || answer.tenantAccessToken() == null) {
            log.warn("Feishu refused the app credentials: {}", answer == null ? null : answer.code());
            throw new DownstreamUnavailableException(FEISHU + " (tenant token)", null);
        }
        tenantToken = answer.tenantAccessToken();
        long seconds = answer.expire() == null ? 600 : answer.expire();
        // like Feishu's SDK: stop using a token 3 minutes before it ends
        tenantTokenUntil = now.plusSeconds(Math.max(30, seconds - 180));
        return tenantToken;
    }
}
