package io.inetpublish.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private final SecretCipher cipher = new SecretCipher("a-long-random-production-secret");

    @Test
    void sealsSoThatTheStoredValueNeverShowsTheCredentialAndOpensItAgain() {
        String sealed = cipher.seal("11aa22bb33cc44dd55ee66ff77889900aa");

        assertThat(sealed).startsWith("enc:v1:").doesNotContain("11aa22bb33cc");
        assertThat(cipher.seal("11aa22bb33cc44dd55ee66ff77889900aa")).isNotEqualTo(sealed); // a fresh IV each time
        assertThat(cipher.open(sealed)).isEqualTo("11aa22bb33cc44dd55ee66ff77889900aa");
        assertThat(cipher.open(cipher.seal("签名密钥"))).isEqualTo("签名密钥");
    }

    @Test
    void readsAValueStoredBeforeSealingAsItIs() {
        assertThat(cipher.open("plain-old-secret")).isEqualTo("plain-old-secret");
        assertThat(cipher.open(null)).isNull();
        assertThat(cipher.seal(null)).isNull();
    }

    @Test
    void refusesAValueSealedUnderAnotherKeyOrTamperedWith() {
        String sealed = new SecretCipher("another-key").seal("token");
        assertThatThrownBy(() -> cipher.open(sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("INETPUBLISH_SECRETS_KEY");

        String mine = cipher.seal("token");
        int at = "enc:v1:".length() + 20; // inside the IV and ciphertext, where every bit counts
        String tampered = mine.substring(0, at) + (mine.charAt(at) == 'A' ? 'B' : 'A') + mine.substring(at + 1);
        assertThatThrownBy(() -> cipher.open(tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void needsAKey() {
        assertThatThrownBy(() -> new SecretCipher(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("INETPUBLISH_SECRETS_KEY");
    }

    @Test
    void oneSecretKeysEachPurposeDifferently() {
        byte[] sealed = new SecretCipher("purpose-a", "same-secret", "A").encrypt(new byte[] {1, 2, 3});
        assertThat(new SecretCipher("purpose-a", "same-secret", "A").decrypt(sealed)).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> new SecretCipher("purpose-b", "same-secret", "B").decrypt(sealed))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("B changed");
    }
}
