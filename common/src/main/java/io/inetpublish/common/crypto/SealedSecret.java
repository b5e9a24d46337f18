package io.inetpublish.common.crypto;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores a credential column sealed ({@link SecretCipher}): {@code @Convert(converter = SealedSecret.class)}.
 * Hibernate gets it from the Spring context, which hands it the service's cipher.
 */
@Converter
public class SealedSecret implements AttributeConverter<String, String> {

    private final SecretCipher cipher;

    public SealedSecret(SecretCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public String convertToDatabaseColumn(String plain) {
        return cipher.seal(plain);
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        return cipher.open(stored);
    }
}
