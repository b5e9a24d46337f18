package io.inetpublish.auth.feishu;

/**
 * Feishu refused or could not complete a login step. {@code rejected} = Feishu answered with an error code (the
 * code is expired, used, …: the person must start again); otherwise Feishu was unreachable or failed (5xx).
 */
public class FeishuLoginException extends RuntimeException {

    private final int feishuCode;
    private final boolean rejected;

    FeishuLoginException(String message, int feishuCode, boolean rejected, Throwable cause) {
        super(message, cause);
        this.feishuCode = feishuCode;
        this.rejected = rejected;
    }

    public int feishuCode() {
        return feishuCode;
    }

    public boolean rejected() {
        return rejected;
    }

    /** Feishu answered with an error code: an answer, not an outage (the circuit breaker ignores it). */
    static final class Rejected extends FeishuLoginException {

        Rejected(String message, int feishuCode) {
            super(message, feishuCode, true, null);
        }
    }
}
