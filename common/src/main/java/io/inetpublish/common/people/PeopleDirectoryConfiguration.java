package io.inetpublish.common.people;

import io.inetpublish.common.outside.OutsideCalls;
import io.inetpublish.loadbalancing.UnreachableInstances;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link PeopleDirectory} of a service that stores people (imported by the services that do): auth-service at
 * {@code inetpublish.people.auth-url}, through Eureka by default.
 */
@Configuration(proxyBeanMethods = false)
public class PeopleDirectoryConfiguration {

    @Bean
    PeopleDirectory peopleDirectory(@Value("${inetpublish.people.auth-url:lb://auth-service}") String authUrl,
            ObjectProvider<LoadBalancerClient> loadBalancer, OutsideCalls outside,
            ObjectProvider<UnreachableInstances> unreachable) {
        return new PeopleDirectory(authUrl, loadBalancer, outside, unreachable);
    }
}
