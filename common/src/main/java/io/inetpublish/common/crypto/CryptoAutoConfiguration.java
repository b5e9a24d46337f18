package io.inetpublish.common.crypto;

import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The cipher for stored credentials, keyed by {@code inetpublish.secrets.encryption-secret}. */
@AutoConfiguration
@Slf4j
public class CryptoAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SecretCipher secretCipher(@Value("${inetpublish.secrets.encryption-secret:}") String secret) {
        if (secret.startsWith("dev-only")) {
            log.warn("Stored credentials are sealed with the development default key; set INETPUBLISH_SECRETS_KEY");
        }
        return new SecretCipher(secret);
    }
}
