package io.inetpublish.common.outbox;

import io.inetpublish.common.security.CurrentActor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

@AutoConfiguration(after = JdbcTemplateAutoConfiguration.class)
@ConditionalOnBean(JdbcTemplate.class)
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Outbox outbox(JdbcTemplate jdbc, JsonMapper json, CurrentActor currentActor,
            ObjectProvider<OutboxRelay> relays) {
        // the relay is there when the service has a broker (MessagingAutoConfiguration); told after each commit, it
        // wakes itself unless its listener's NOTIFY of that commit will
        return new Outbox(jdbc, json, currentActor, () -> relays.ifAvailable(OutboxRelay::committedHere));
    }
}
