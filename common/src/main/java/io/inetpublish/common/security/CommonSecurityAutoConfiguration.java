package io.inetpublish.common.security;

import io.inetpublish.common.event.Actor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Until Feishu login and token validation are in place (the auth issue), requests run as an anonymous operator;
 * the login work replaces this bean with one that reads the validated access token.
 */
@AutoConfiguration
public class CommonSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CurrentActor currentActor() {
        Actor anonymous = new Actor("anonymous", "anonymous");
        return () -> anonymous;
    }
}
