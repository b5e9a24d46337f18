package io.inetpublish.build.jenkins;

/**
 * A trigger reached Jenkins (or may have) but no answer came back: a read timeout, a dropped connection, a proxy's
 * 502/504. Jenkins may or may not have queued the build, so the caller must not send it again; it reconciles later
 * by looking for the build in the job instead.
 */
public class JenkinsOutcomeUnknownException extends RuntimeException {

    public JenkinsOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
