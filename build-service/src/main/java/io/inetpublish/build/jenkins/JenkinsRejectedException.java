package io.inetpublish.build.jenkins;

import io.inetpublish.common.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * Jenkins answered and refused: wrong credentials, unknown job, job not parameterised or disabled. Definite: the
 * request did not queue anything, and repeating it would not help until someone fixes the settings or the job.
 */
public class JenkinsRejectedException extends ApiException {

    /** Why Jenkins refused. */
    public enum Kind {
        CREDENTIALS(HttpStatus.BAD_GATEWAY, "jenkins-credentials"),
        FORBIDDEN(HttpStatus.BAD_GATEWAY, "jenkins-forbidden"),
        CRUMB(HttpStatus.BAD_GATEWAY, "jenkins-crumb"),
        JOB_NOT_FOUND(HttpStatus.BAD_GATEWAY, "jenkins-job-not-found"),
        NOT_PARAMETERIZED(HttpStatus.BAD_GATEWAY, "jenkins-job-not-parameterized"),
        JOB_DISABLED(HttpStatus.CONFLICT, "jenkins-job-disabled"),
        NOT_FOUND(HttpStatus.NOT_FOUND, "jenkins-not-found"),
        /** The configured address is not an allowed integration host, or the request would leave it. */
        ADDRESS_NOT_ALLOWED(HttpStatus.CONFLICT, "jenkins-address-not-allowed"),
        OTHER(HttpStatus.BAD_GATEWAY, "jenkins-error");

        private final HttpStatus status;
        private final String problemType;

        Kind(HttpStatus status, String problemType) {
            this.status = status;
            this.problemType = problemType;
        }
    }

    private final Kind kind;
    private final int jenkinsStatus;

    /** @param code a message of the catalogue ({@code jenkins.*}), read in the reader's language */
    public JenkinsRejectedException(Kind kind, int jenkinsStatus, String code, Object... args) {
        super(kind.status, kind.problemType, code, args);
        this.kind = kind;
        this.jenkinsStatus = jenkinsStatus;
    }

    public Kind kind() {
        return kind;
    }

    public int jenkinsStatus() {
        return jenkinsStatus;
    }
}
