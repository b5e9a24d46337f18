package io.inetpublish.common.outside;

import java.util.Optional;
import java.util.function.Function;

/**
 * What a service asks one other service, written once: its client interface (Feign), every request sent through the
 * named outside call ({@link OutsideCalls}; timeouts and circuit breaker in the service's {@code application.yml}).
 * A subclass names the call and offers the questions its service asks; {@link #find} where a 404 is an answer,
 * {@link #ask} where the caller cannot go on without one. Either way anything else that goes wrong is a 503
 * {@link io.inetpublish.common.web.DownstreamUnavailableException}, asked before any transaction opens, so nothing is
 * stored when the other service cannot answer.
 *
 * @param <C> the client interface
 */
public abstract class OutsideClient<C> {

    private final C client;
    private final OutsideCall call;

    protected OutsideClient(String name, C client, OutsideCalls outside) {
        this.client = client;
        this.call = outside.get(name);
    }

    /** The answer; see {@link OutsideCall#ask}. */
    protected <T> T ask(Function<C, T> request) {
        return call.ask(() -> request.apply(client));
    }

    /** The answer, empty on a 404; see {@link OutsideCall#find}. */
    protected <T> Optional<T> find(Function<C, T> request) {
        return call.find(() -> request.apply(client));
    }
}
