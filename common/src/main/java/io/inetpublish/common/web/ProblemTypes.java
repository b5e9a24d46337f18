package io.inetpublish.common.web;

import java.util.List;
import java.util.Optional;

/**
 * Every problem type the platform answers ({@code https://inetpublish.io/problems/<kind>}, RFC 9457), with its status
 * and what it means to a client. The API reference lists them ({@link ApiDocsAutoConfiguration}); a new kind of error
 * is added here with the exception or handler that answers it. {@code title}, {@code detail} and each
 * {@code errors[i].message} are in the request's language; a client tells errors apart by {@code type}, and by
 * {@code errors[i].field} for bad input.
 */
public final class ProblemTypes {

    /** One kind of error: {@code type} is {@link ProblemDetailsHandler#TYPE_BASE} + {@code kind}. */
    public record ProblemType(String kind, int status, String answeredBy, String meaning) {

        public String uri() {
            return ProblemDetailsHandler.TYPE_BASE + kind;
        }
    }

    private static final String ANY = "any service";
    private static final String GATEWAY = "gateway";

    public static final List<ProblemType> ALL = List.of(
            new ProblemType("validation", 400, ANY,
                    "Fields of the request are wrong; `errors` names each (`field`, `message`). Nothing was changed."),
            new ProblemType("unreadable-body", 400, ANY, "The body is missing or is not valid JSON."),
            new ProblemType("invalid-path", 400, GATEWAY,
                    "The path has dot segments, encoded slashes or dots, backslashes or `;`."),
            new ProblemType("bad-request", 400, GATEWAY, "The gateway cannot handle the request."),
            new ProblemType("body-not-allowed", 400, GATEWAY,
                    "A GET or HEAD carries a body; refused before any of it is read."),
            new ProblemType("oauth-error", 400, "auth-service",
                    "`POST /api/auth/token`: an OAuth 2.0 error (`error`: `unsupported_grant_type`, "
                            + "`invalid_request`, `invalid_scope`)."),
            new ProblemType("unauthorized", 401, ANY,
                    "No valid access token (missing, invalid, expired or revoked): log in again or refresh."),
            new ProblemType("login-required", 401, "auth-service",
                    "The refresh cookie is missing, expired, revoked or its session ended: log in again."),
            new ProblemType("invalid-client", 401, "auth-service",
                    "`POST /api/auth/token`: the integration token is unknown or revoked."),
            new ProblemType("forbidden", 403, ANY, "The caller's role (or token scope) does not allow this."),
            new ProblemType("not-found", 404, ANY, "What the path names does not exist."),
            new ProblemType("jenkins-not-found", 404, "build-service", "Jenkins does not know the build asked for."),
            new ProblemType("http-405", 405, ANY, "The address does not take this method."),
            new ProblemType("http-406", 406, ANY, "The answer cannot be given in the requested format."),
            new ProblemType("conflict", 409, ANY,
                    "The current state forbids the request (a withdrawn record, a duplicate name, …); `errors` "
                            + "names the field when one is to blame."),
            new ProblemType("concurrent-edit", 409, ANY, "Someone else changed it meanwhile: reload and try again."),
            new ProblemType("idempotency-key-in-use", 409, ANY,
                    "The `Idempotency-Key`'s first request has no result (yet)."),
            new ProblemType("idempotency-key-reused", 409, ANY,
                    "The `Idempotency-Key` was used for a request with other content."),
            new ProblemType("mainline-older", 409, "customer-service",
                    "A reported mainline version is older than the recorded one."),
            new ProblemType("jenkins-job-disabled", 409, "build-service", "The Jenkins job is disabled."),
            new ProblemType("jenkins-address-not-allowed", 409, "build-service",
                    "The Jenkins address is not an allowed integration host."),
            new ProblemType("bundle-expired", 410, "build-service",
                    "The build's bundle was removed by the retention setting."),
            new ProblemType("body-too-large", 413, ANY,
                    "The body is larger than the endpoint's (or the gateway route's) limit, also when sent chunked; "
                            + "nothing was stored."),
            new ProblemType("upload-too-large", 413, ANY, "An uploaded file is larger than allowed."),
            new ProblemType("http-415", 415, ANY, "The request's content type is not supported."),
            new ProblemType("multipart-not-accepted", 415, ANY,
                    "The endpoint takes no files; a multipart body is not read."),
            new ProblemType("rate-limited", 429, "auth-service, gateway",
                    "Too many logins, refreshes or token exchanges from this client: try again later."),
            new ProblemType("internal", 500, ANY, "An unexpected error; it was logged, the answer names nothing."),
            new ProblemType("internal-error", 500, GATEWAY, "The gateway failed to handle the request."),
            new ProblemType("jenkins-credentials", 502, "build-service", "Jenkins refused the configured user or token."),
            new ProblemType("jenkins-forbidden", 502, "build-service", "Jenkins' user may not run the job."),
            new ProblemType("jenkins-crumb", 502, "build-service", "Jenkins refused its CSRF crumb."),
            new ProblemType("jenkins-job-not-found", 502, "build-service", "Jenkins has no such job."),
            new ProblemType("jenkins-job-not-parameterized", 502, "build-service",
                    "The Jenkins job takes no parameters."),
            new ProblemType("jenkins-error", 502, "build-service", "Jenkins answered with another error."),
            new ProblemType("downstream-unavailable", 503, ANY,
                    "Another service of the platform cannot be reached; nothing was changed, try again shortly."),
            new ProblemType("jenkins-unavailable", 503, "build-service",
                    "Jenkins cannot be reached; nothing was queued."),
            new ProblemType("service-unavailable", 503, GATEWAY,
                    "No instance of the service answers (or its circuit is open); nothing was changed."),
            new ProblemType("gateway-timeout", 504, GATEWAY, "The service did not answer in time."));

    private ProblemTypes() {
    }

    public static Optional<ProblemType> byKind(String kind) {
        return ALL.stream().filter(type -> type.kind().equals(kind)).findFirst();
    }

    /** The kinds every service may answer with this status (not those of one service or of the gateway). */
    public static List<ProblemType> anyServiceWithStatus(int status) {
        return ALL.stream().filter(type -> type.status() == status && ANY.equals(type.answeredBy())).toList();
    }
}
