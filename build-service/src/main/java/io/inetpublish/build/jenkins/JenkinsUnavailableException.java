package io.inetpublish.build.jenkins;

import io.inetpublish.common.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * Jenkins could not be reached, answered 5xx, timed out on a read-only call, or the circuit breaker is open. For a
 * trigger this is only thrown when the request certainly did not reach Jenkins.
 */
public class JenkinsUnavailableException extends ApiException {

    /** @param code a message of the catalogue ({@code jenkins.*}), read in the reader's language */
    public JenkinsUnavailableException(String code, Throwable cause, Object... args) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "jenkins-unavailable", cause, code, args);
    }
}
