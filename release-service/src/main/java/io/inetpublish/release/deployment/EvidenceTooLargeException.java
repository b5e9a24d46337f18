package io.inetpublish.release.deployment;

import io.inetpublish.common.web.ApiException;
import org.springframework.http.HttpStatus;

/** An evidence file is larger than allowed (413); the message names it. */
class EvidenceTooLargeException extends ApiException {

    EvidenceTooLargeException(String code, Object... args) {
        super(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", code, args);
    }
}
