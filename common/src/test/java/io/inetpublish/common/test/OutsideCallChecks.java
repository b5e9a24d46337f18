package io.inetpublish.common.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.inetpublish.common.outside.OutsideCall;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * What a test per outside-call client shows (README, "Outside calls"): a slow answer ends at the instance's
 * configured read timeout, and the instance's breaker opens after its configured number of failed calls and then
 * fails fast without reaching the server. Settings are read from the running instance, so the checks follow the
 * service's YAML (with the suite's shorter read timeouts).
 */
public final class OutsideCallChecks {

    /** Scheduling slack on a loaded CI machine: a call may end this much after its timeout. */
    private static final Duration SLACK = Duration.ofMillis(1500);
    /** A call the open breaker refuses ends at least this fast. */
    private static final Duration FAST = Duration.ofMillis(300);

    private OutsideCallChecks() {
    }

    /** How long a stub waits before answering so that only a call without the read timeout would get the answer. */
    public static int beyondReadTimeoutMillis(OutsideCall call) {
        return (int) call.readTimeout().plus(SLACK).plusSeconds(1).toMillis();
    }

    /**
     * The request (against a stub delayed by {@link #beyondReadTimeoutMillis}) fails no earlier than the read timeout
     * and well before the answer would come.
     *
     * @return what it failed with
     */
    public static Throwable failsAtReadTimeout(OutsideCall call, ThrowingCallable request) {
        long started = System.nanoTime();
        Throwable failure = catchThrowable(request);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(failure).as("a request longer than the read timeout of " + call.name() + " fails").isNotNull();
        assertTookAboutTheReadTimeout(call, took);
        return failure;
    }

    /** As {@link #failsAtReadTimeout}, for a client that answers a failure instead of throwing it. */
    public static <T> T answersAtReadTimeout(OutsideCall call, Supplier<T> request) {
        long started = System.nanoTime();
        T answer = request.get();
        assertTookAboutTheReadTimeout(call, Duration.ofNanos(System.nanoTime() - started));
        return answer;
    }

    private static void assertTookAboutTheReadTimeout(OutsideCall call, Duration took) {
        assertThat(took).as("time until the request to " + call.name() + " ended")
                .isGreaterThanOrEqualTo(call.readTimeout().minusMillis(100))
                .isLessThan(call.readTimeout().plus(SLACK));
    }

    /**
     * From a closed breaker: {@code failingRequest} (each one a single call the breaker records as failed) is sent
     * until the breaker opens, which must happen exactly at the configured minimum number of calls (every call
     * failed, so the failure rate is above any threshold). Then one more request fails fast and
     * {@code requestsAtServer} shows it never reached the server. The breaker is closed again afterwards.
     *
     * @param failingRequest a request the server fails; whether it throws or answers a failure does not matter
     */
    public static void opensAfterConfiguredFailures(OutsideCall call, Runnable failingRequest,
            LongSupplier requestsAtServer) {
        CircuitBreaker breaker = call.breaker();
        breaker.reset();
        int minimumCalls = breaker.getCircuitBreakerConfig().getMinimumNumberOfCalls();
        try {
            for (int sent = 1; sent < minimumCalls; sent++) {
                quietly(failingRequest);
                assertThat(breaker.getState()).as("%s after %d failed calls of %d", call.name(), sent, minimumCalls)
                        .isEqualTo(CircuitBreaker.State.CLOSED);
            }
            quietly(failingRequest);
            assertThat(breaker.getState()).as("%s after %d failed calls", call.name(), minimumCalls)
                    .isEqualTo(CircuitBreaker.State.OPEN);

            long reached = requestsAtServer.getAsLong();
            long started = System.nanoTime();
            quietly(failingRequest);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a call while %s is open", call.name())
                    .isLessThan(FAST);
            assertThat(requestsAtServer.getAsLong()).as("requests reaching the server while %s is open",
                    call.name()).isEqualTo(reached);
        } finally {
            breaker.reset();
        }
    }

    /**
     * An answer the client reads as "there is none" (a 404, someone outside the app's scope, a refused code) is not a
     * failure of the outside system: {@code answeredRequest} (which asserts the answer itself) is sent as often as
     * would open the breaker if each were counted as failed, and the breaker has counted no failure and stays closed.
     */
    public static void isAnAnswerNotAFailure(OutsideCall call, Runnable answeredRequest) {
        CircuitBreaker breaker = call.breaker();
        int enoughToOpen = breaker.getCircuitBreakerConfig().getMinimumNumberOfCalls() + 1;
        for (int sent = 0; sent < enoughToOpen; sent++) {
            answeredRequest.run();
        }
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).as("failed calls counted by %s", call.name())
                .isZero();
        assertThat(breaker.getState()).as("%s after %d answers", call.name(), enoughToOpen)
                .isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private static void quietly(Runnable request) {
        try {
            request.run();
        } catch (RuntimeException expected) {
            // the failure itself is what the breaker counts
        }
    }
}
