package io.inetpublish.common.net;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.inetpublish.common.net.IntegrationHosts.HostPort;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@link IntegrationHosts} of a service: {@code inetpublish.integration.allowed-hosts}
 * ({@code INETPUBLISH_INTEGRATION_HOSTS}), the service's own configured integration URLs
 * ({@code inetpublish.integration.configured-urls}) and the platform's addresses, read from the same settings the
 * service connects with (Eureka, database, broker, its ports) plus every instance in Eureka's registry.
 */
@AutoConfiguration
public class IntegrationHostsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    IntegrationHosts integrationHosts(Environment env, ObjectProvider<DiscoveryClient> discovery) {
        List<String> allowed = list(env.getProperty("inetpublish.integration.allowed-hosts", ""));
        List<String> configured = list(env.getProperty("inetpublish.integration.configured-urls", ""));
        Set<HostPort> infrastructure = infrastructure(env);
        return new IntegrationHosts(allowed, configured, () -> {
            Set<HostPort> own = new LinkedHashSet<>(infrastructure);
            DiscoveryClient client = discovery.getIfAvailable();
            if (client != null) {
                try {
                    for (String service : client.getServices()) {
                        for (ServiceInstance instance : client.getInstances(service)) {
                            own.add(new HostPort(instance.getHost().toLowerCase(java.util.Locale.ROOT),
                                    instance.getPort()));
                        }
                    }
                } catch (RuntimeException ex) {
                    // the registry is not reachable: the configured addresses still count
                }
            }
            return own;
        }, InetAddress::getAllByName);
    }

    private static Set<HostPort> infrastructure(Environment env) {
        Set<HostPort> own = new LinkedHashSet<>();
        for (String zone : list(env.getProperty("eureka.client.service-url.defaultZone", ""))) {
            add(own, zone);
        }
        String jdbc = env.getProperty("spring.datasource.url", "");
        if (jdbc.startsWith("jdbc:")) {
            add(own, jdbc.substring("jdbc:".length()).replaceFirst("^[a-z]+://", "http://"), 5432);
        }
        String rabbitHost = env.getProperty("spring.rabbitmq.host");
        if (rabbitHost != null) {
            own.add(new HostPort(rabbitHost.toLowerCase(java.util.Locale.ROOT),
                    env.getProperty("spring.rabbitmq.port", Integer.class, 5672)));
        }
        add(own, env.getProperty("inetpublish.security.jwks-uri", ""));
        for (String key : List.of("server.port", "management.server.port")) {
            Integer port = env.getProperty(key, Integer.class);
            if (port != null && port > 0) {
                own.add(new HostPort("127.0.0.1", port));
                String instanceHost = env.getProperty("eureka.instance.ip-address");
                if (instanceHost != null) {
                    own.add(new HostPort(instanceHost.toLowerCase(java.util.Locale.ROOT), port));
                }
            }
        }
        return own;
    }

    private static void add(Set<HostPort> own, String url) {
        add(own, url, -1);
    }

    private static void add(Set<HostPort> own, String url, int defaultPort) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getHost() != null) {
                HostPort hostPort = IntegrationHosts.hostPort(uri);
                own.add(uri.getPort() == -1 && defaultPort > 0 ? new HostPort(hostPort.host(), defaultPort)
                        : hostPort);
            }
        } catch (RuntimeException ex) {
            // not a URL: nothing to add
        }
    }

    private static List<String> list(String value) {
        List<String> items = new ArrayList<>();
        Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(items::add);
        return items;
    }
}
