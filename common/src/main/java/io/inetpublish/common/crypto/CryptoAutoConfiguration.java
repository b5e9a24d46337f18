package io.inetpublish.common.crypto;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * The cipher for stored credentials, keyed by {@code inetpublish.secrets.encryption-secret}. Lazy: only a service
 * with a {@link SealedSecret} column ever creates it.
 */
@AutoConfiguration
public class CryptoAutoConfiguration {

    @Bean
    @Lazy
    @ConditionalOnMissingBean
    SecretCipher secretCipher(@Value("${inetpublish.secrets.encryption-secret:}") String secret) {
        return new SecretCipher(secret);
    }
}
