package io.inetpublish.release.customer;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.inetpublish.common.outside.OutsideCalls;
import io.inetpublish.common.outside.OutsideClient;
import org.springframework.stereotype.Component;

/**
 * What release-service asks customer-service, every call through the outside call {@value #BREAKER} (README,
 * "Outside calls"; the rules of {@link OutsideClient}): where a 404 is an answer ("no such thing") the call is a
 * {@link #find}; anything else that goes wrong - connection refused, a timeout, a 5xx, an open circuit - is a 503.
 */
@Component
public class CustomerDirectory extends OutsideClient<CustomerServiceClient> {

    public static final String BREAKER = "customer-service";

    CustomerDirectory(CustomerServiceClient client, OutsideCalls outside) {
        super(BREAKER, client, outside);
    }

    public Optional<ComponentInfo> component(String name) {
        return find(client -> client.component(name));
    }

    public Optional<EnvironmentInfo> environment(UUID id) {
        return find(client -> client.environment(id));
    }

    /** At most this many environments per request to customer-service (its page limit and id-list limit). */
    public static final int PAGE = 200;

    /**
     * Every customer environment (no internal test environment, no archived customer) whose customer carries one of
     * {@code tags} (none: any customer) and whose type is one of {@code types} (none: any), ordered by customer and
     * environment name; at most {@code limit} (one more tells the caller there are too many).
     */
    public List<EnvironmentInfo> customerEnvironments(List<String> tags, List<String> types, int limit) {
        List<EnvironmentInfo> all = new java.util.ArrayList<>();
        for (int page = 0; all.size() <= limit; page++) {
            int p = page;
            EnvironmentPage answer = ask(client -> client.environments(tags.isEmpty() ? null : tags,
                    types.isEmpty() ? null : types, null, false, false, p, PAGE));
            all.addAll(answer.items());
            if (p + 1 >= answer.totalPages()) {
                break;
            }
        }
        return all;
    }

    /** The environments with these ids that exist (any customer, archived or not), {@link #PAGE} per request. */
    public List<EnvironmentInfo> environments(List<UUID> ids) {
        List<EnvironmentInfo> all = new java.util.ArrayList<>();
        for (int from = 0; from < ids.size(); from += PAGE) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + PAGE));
            all.addAll(ask(client -> client.environments(null, null, chunk, null, null, 0, PAGE))
                    .items());
        }
        return all;
    }

    /** The components currently installed in an environment; empty when the environment is unknown. */
    public List<EnvironmentComponent> environmentComponents(UUID environmentId) {
        return find(client -> client.environmentComponents(environmentId)).orElse(List.of());
    }

    /** 1 to 50 environments with their installed components and mainlines, in one call; unknown ones left out. */
    public List<EnvironmentInstallation> installations(List<UUID> environmentIds) {
        return ask(client -> client.installations(environmentIds));
    }

    /** The history of one component in one environment, newest first. */
    public List<VersionChange> history(UUID environmentId, String component) {
        return find(client -> client.history(environmentId, component)).orElse(List.of());
    }
}
