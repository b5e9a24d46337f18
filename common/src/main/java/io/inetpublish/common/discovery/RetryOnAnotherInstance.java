package io.inetpublish.common.discovery;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.util.Locale;

import feign.Request.HttpMethod;
import feign.RetryableException;
import feign.Retryer;
import io.inetpublish.loadbalancing.UnreachableInstances;

/**
 * The one rule for sending a service's own call to another service a second time: a read (a lookup that changes
 * nothing) whose instance did not answer at all - the connection was refused, there was no route or no connection in
 * time ({@link UnreachableInstances#notReached}), or the connection was reset or closed before any answer came - is
 * sent once more, and the load balancer picks the instance for it anew (leaving out the one that did not answer).
 * A dead instance stays registered until its lease expires; without this, the read that picked it failed (503 for the
 * person, bench/failover). Not sent again: a write (it may have been applied), a read that got an answer (a 5xx is
 * an answer), a read that timed out waiting for the answer (the instance is there, only slow: a second wait would
 * double the person's), an open circuit breaker. At most one more attempt: with two instances the second is the
 * other one; when every instance is dead the caller's 503 comes after two refused connections, not one.
 *
 * <p>Used by every Feign client ({@link Reads}, in each client's context through {@code OutsideFeignTimeouts}), by
 * {@link io.inetpublish.common.people.PeopleDirectory} and the signing-key fetch by {@code lb://}
 * ({@code CommonSecurityAutoConfiguration}). The gateway retries the reads of its routes on its own
 * (HungInstanceGuard: it retries a read that timed out too, within its own read timeout).
 */
public final class RetryOnAnotherInstance {

    private RetryOnAnotherInstance() {
    }

    /** Whether a read that failed with {@code error} is worth sending once more, to another instance. */
    public static boolean worthIt(Throwable error) {
        return UnreachableInstances.notReached(error) || closedBeforeAnswer(error);
    }

    /**
     * The connection was reset or closed with no answer at all: the process died with the request in flight (a write
     * may have been applied; a read changed nothing). A timeout waiting for the answer is not this.
     */
    static boolean closedBeforeAnswer(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof EOFException) {
                return true;
            }
            if (e instanceof IOException io && io.getMessage() != null) {
                String message = io.getMessage().toLowerCase(Locale.ROOT);
                if (message.contains("connection reset") || message.contains("unexpected end of file")
                        || message.contains("received no bytes") || message.contains("broken pipe")
                        || (e instanceof SocketException && message.contains("closed"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Feign's retryer for every client: a {@code GET} or {@code HEAD} that did not reach a live instance is sent once
     * more (Feign asks the load balancer again for it). Feign reports every I/O error as a {@link RetryableException};
     * one made from an answer (a {@code Retry-After}) has no I/O cause and is not retried here.
     */
    public static final class Reads implements Retryer {

        private boolean retried;

        @Override
        public void continueOrPropagate(RetryableException e) {
            boolean read = e.method() == HttpMethod.GET || e.method() == HttpMethod.HEAD;
            if (retried || !read || !worthIt(e.getCause())) {
                throw e;
            }
            retried = true;
        }

        @Override
        public Retryer clone() {
            return new Reads();
        }
    }
}
