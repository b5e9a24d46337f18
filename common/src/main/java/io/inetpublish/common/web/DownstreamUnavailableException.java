package io.inetpublish.common.web;

import org.springframework.http.HttpStatus;

/** A service or outside system this request depends on cannot be reached right now (503); nothing was stored. */
public class DownstreamUnavailableException extends ApiException {

    public DownstreamUnavailableException(String downstream, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "downstream-unavailable", cause, "problem.downstream-unavailable",
                downstream);
    }
}
