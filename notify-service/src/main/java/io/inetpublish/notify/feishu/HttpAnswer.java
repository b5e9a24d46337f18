package io.inetpublish.notify.feishu;

import tools.jackson.databind.JsonNode;

/**
 * Feishu's answer as received: status, the rate-limit reset header and the parsed body (a missing node when the
 * body was not JSON).
 */
record HttpAnswer(int status, String ratelimitReset, JsonNode body, String rawBody) {

    int code() {
        JsonNode code = body.path("code");
        return code.isNumber() ? code.intValue() : -1;
    }

    String msg() {
        JsonNode msg = body.path("msg");
        return msg.isString() ? msg.stringValue() : "";
    }

    String describe() {
        String logId = body.path("error").path("log_id").isString() ? ", log_id " + body.path("error")
                .path("log_id").stringValue() : "";
        if (code() >= 0) {
            return "HTTP " + status + ", code " + code() + " " + msg() + logId;
        }
        String text = rawBody == null ? "" : rawBody.strip();
        return "HTTP " + status + (text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) : text));
    }
}
