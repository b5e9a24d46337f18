package io.inetpublish.release;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.inetpublish.common.idempotency.IdempotentRequests;
import io.inetpublish.common.security.CurrentActor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/** {@code Idempotency-Key} for this service's POSTs (customer deployments); expired keys are purged hourly. */
@Slf4j
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    @Bean
    IdempotentRequests idempotentRequests(JdbcTemplate jdbc, PlatformTransactionManager transactions,
            CurrentActor currentActor, JsonMapper json, Clock clock,
            @Value("${inetpublish.idempotency.ttl:PT24H}") Duration ttl) {
        return new IdempotentRequests(jdbc, transactions, currentActor, json, clock, ttl);
    }

    @Bean
    ExpiredKeys expiredIdempotencyKeys(JdbcTemplate jdbc, Clock clock) {
        return new ExpiredKeys(jdbc, clock);
    }

    record ExpiredKeys(JdbcTemplate jdbc, Clock clock) {

        @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
        void purge() {
            int purged = jdbc.update("delete from idempotent_request where expires_at <= ?",
                    java.sql.Timestamp.from(Instant.now(clock)));
            if (purged > 0) {
                log.debug("Purged {} expired idempotency keys", purged);
            }
        }
    }
}
