package io.inetpublish.notify.feishu;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Custom bot signature (签名校验): {@code Base64(HmacSHA256(key = timestamp + "\n" + secret, data = empty))},
 * timestamp in seconds.
 */
public final class WebhookSigner {

    private WebhookSigner() {
    }

    public static String sign(long timestampSeconds, String secret) {
        try {
            String stringToSign = timestampSeconds + "\n" + secret;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(stringToSign.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(new byte[0]));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 unavailable", ex);
        }
    }
}
