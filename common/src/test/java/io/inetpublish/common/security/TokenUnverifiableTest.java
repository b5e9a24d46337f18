package io.inetpublish.common.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.inetpublish.common.i18n.Messages;
import io.inetpublish.common.i18n.MessagesAutoConfiguration;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.junit.jupiter.web.SpringJUnitWebConfig;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * A token a service cannot check because auth-service's keys cannot be read (issue 22's failover run: a fresh
 * build-service whose first JWKS fetch timed out answered a POST with 500) is answered 503 with {@code Retry-After}
 * and a problem in the request's language, through the filter chain every servlet service builds with
 * {@link PlatformJwt#statelessResourceServer}; a token that is simply bad stays a 401.
 */
@SpringJUnitWebConfig(TokenUnverifiableTest.Service.class)
class TokenUnverifiableTest {

    /** What the decoder does: "bad" is a bad token, anything else meets keys that cannot be fetched. */
    static final JwtDecoder KEYS_UNREACHABLE = token -> {
        if (token.equals("bad")) {
            throw new BadJwtException("Signed JWT rejected: Invalid signature");
        }
        throw new JwtException("An error occurred while attempting to decode the Jwt: Couldn't retrieve remote JWK "
                + "set: Read timed out");
    };

    MockMvc mvc;

    @BeforeEach
    void mvc(WebApplicationContext context) {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean("springSecurityFilterChain", Filter.class)).build();
    }

    @Test
    void keysThatCannotBeReadAre503WithRetryAfterInThePersonsLanguage() throws Exception {
        mvc.perform(get("/hello").header("Authorization", "Bearer some.valid.token"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://inetpublish.io/problems/token-unverifiable"))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.title").value("服务暂不可用"))
                .andExpect(jsonPath("$.detail").value("暂时无法校验访问令牌，什么也没有改动，请几秒后重试"));

        mvc.perform(get("/hello").header("Authorization", "Bearer some.valid.token")
                        .header("Accept-Language", "en"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.title").value("Service unavailable"))
                .andExpect(jsonPath("$.detail").value("The access token cannot be checked right now; nothing was "
                        + "changed, try again in a few seconds"));
    }

    @Test
    void aBadTokenIsStill401() throws Exception {
        mvc.perform(get("/hello").header("Authorization", "Bearer bad"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"))
                .andExpect(jsonPath("$.type").value("https://inetpublish.io/problems/unauthorized"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebMvc
    @EnableWebSecurity
    static class Service {

        @Bean
        MessageSource messageSource() {
            return MessagesAutoConfiguration.catalogue();
        }

        @Bean
        Messages messages(MessageSource messageSource) {
            return new Messages(messageSource);
        }

        @Bean
        LocaleResolver localeResolver() {
            return MessagesAutoConfiguration.requestLanguage();
        }

        @Bean
        SecurityFilterChain chain(HttpSecurity http) throws Exception {
            return PlatformJwt.statelessResourceServer(http, KEYS_UNREACHABLE)
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .build();
        }

        @Bean
        Hello hello() {
            return new Hello();
        }
    }

    @RestController
    static class Hello {

        @GetMapping("/hello")
        String hello() {
            return "hello";
        }
    }
}
