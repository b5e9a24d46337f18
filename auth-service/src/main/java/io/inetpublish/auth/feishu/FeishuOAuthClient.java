package io.inetpublish.auth.feishu;

import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.inetpublish.auth.config.AuthProperties;
import io.inetpublish.auth.user.UserDirectory.FeishuProfile;
import io.inetpublish.common.outside.OutsideCall;
import io.inetpublish.common.outside.OutsideCalls;
import lombok.extern.slf4j.Slf4j;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Feishu's OAuth endpoints (docs/integrations.md §1): the authorize page, the v2 token endpoint (fields at the
 * top level, errors as {@code {code, error, error_description}} with HTTP 400/500/503) and user_info (errors as HTTP
 * 200 with a non-zero {@code code}). Calls go through the outside call {@value #INSTANCE} (timeouts and circuit
 * breaker in {@code application.yml}; README, "Outside calls"). The token call is never retried: a code works once.
 */
@Component
@Slf4j
public class FeishuOAuthClient {

    /** Feishu's open platform, shared with {@link FeishuContactClient}. */
    static final String INSTANCE = "feishu";

    private final AuthProperties.Feishu feishu;
    private final String redirectUri;
    private final RestClient http;
    private final OutsideCall outside;

    FeishuOAuthClient(AuthProperties properties, OutsideCalls outsideCalls) {
        this.feishu = properties.feishu();
        this.redirectUri = properties.redirectUri();
        this.outside = outsideCalls.get(INSTANCE);
        this.http = RestClient.builder().baseUrl(feishu.apiBaseUrl()).requestFactory(outside.requestFactory()).build();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenResponse(Integer code, @JsonProperty("access_token") String accessToken,
            @JsonProperty("expires_in") Long expiresIn, @JsonProperty("token_type") String tokenType,
            String scope, String error, @JsonProperty("error_description") String errorDescription) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record UserInfoResponse(Integer code, String msg, UserInfo data) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record UserInfo(String name, @JsonProperty("en_name") String enName, @JsonProperty("avatar_url") String avatarUrl,
            @JsonProperty("open_id") String openId, @JsonProperty("union_id") String unionId, String email,
            @JsonProperty("enterprise_email") String enterpriseEmail) {
    }

    /** Where the browser goes to log in: Feishu's authorize page with state and the PKCE S256 challenge. */
    public String authorizeUrl(String state, String codeChallenge) {
        return UriComponentsBuilder.fromUriString(feishu.authBaseUrl())
                .path("/open-apis/authen/v1/authorize")
                .queryParam("client_id", feishu.appId())
                .queryParam("response_type", "code")
                .queryParam("redirect_uri", redirectUri)
                .queryParam("scope", feishu.scope())
                .queryParam("state", state)
                .queryParam("code_challenge", codeChallenge)
                .queryParam("code_challenge_method", "S256")
                .encode()
                .build()
                .toUriString();
    }

    /** Exchanges the authorization code (with the PKCE verifier) and reads who logged in. */
    public FeishuProfile login(String code, String codeVerifier) {
        String userAccessToken = call(() -> exchange(code, codeVerifier));
        UserInfo info = call(() -> userInfo(userAccessToken));
        String email = info.email() != null && !info.email().isBlank() ? info.email() : info.enterpriseEmail();
        return new FeishuProfile(info.openId(), info.unionId(), info.name(), info.enName(), info.avatarUrl(), email);
    }

    private String exchange(String code, String codeVerifier) {
        Map<String, String> body = Map.of("grant_type", "authorization_code", "client_id", feishu.appId(),
                "client_secret", feishu.appSecret(), "code", code, "redirect_uri", redirectUri,
                "code_verifier", codeVerifier);
        return http.post().uri("/open-apis/authen/v2/oauth/token")
                .contentType(new MediaType(MediaType.APPLICATION_JSON, java.nio.charset.StandardCharsets.UTF_8))
                .body(body)
                .exchange((request, response) -> {
                    TokenResponse token = response.bodyTo(TokenResponse.class);
                    int status = response.getStatusCode().value();
                    if (status >= 500 || token == null) {
                        throw new FeishuLoginException("Feishu token endpoint answered " + status,
                                token == null || token.code() == null ? 0 : token.code(), false, null);
                    }
                    if (status >= 400 || token.code() == null || token.code() != 0 || token.accessToken() == null) {
                        int feishuCode = token.code() == null ? 0 : token.code();
                        log.info("Feishu refused the authorization code: {} {} {}", feishuCode, token.error(),
                                token.errorDescription());
                        throw new FeishuLoginException.Rejected("Feishu refused the code (" + feishuCode + ")",
                                feishuCode);
                    }
                    return token.accessToken();
                });
    }

    private UserInfo userInfo(String userAccessToken) {
        return http.get().uri("/open-apis/authen/v1/user_info")
                .header("Authorization", "Bearer " + userAccessToken)
                .exchange((request, response) -> {
                    int status = response.getStatusCode().value();
                    UserInfoResponse info = response.bodyTo(UserInfoResponse.class);
                    if (status >= 500 || info == null) {
                        throw new FeishuLoginException("Feishu user_info answered " + status,
                                info == null || info.code() == null ? 0 : info.code(), false, null);
                    }
                    if (info.code() == null || info.code() != 0 || info.data() == null
                            || info.data().openId() == null) {
                        int feishuCode = info.code() == null ? 0 : info.code();
                        log.info("Feishu user_info refused: {} {}", feishuCode, info.msg());
                        throw new FeishuLoginException.Rejected("Feishu user_info refused (" + feishuCode + ")",
                                feishuCode);
                    }
                    return info.data();
                });
    }

    private <T> T call(Supplier<T> step) {
        try {
            return outside.call(step);
        } catch (FeishuLoginException failure) {
            throw failure;
        } catch (RuntimeException failure) {
            // refused, timed out, the circuit open
            throw new FeishuLoginException("Feishu is unavailable: " + failure, 0, false, failure);
        }
    }
}
