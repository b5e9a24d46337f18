package io.inetpublish.customer.customer;

import io.inetpublish.common.outside.OutsideCalls;
import io.inetpublish.common.people.PeopleDirectory;
import io.inetpublish.loadbalancing.UnreachableInstances;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Owners are platform people (auth-service); the owner migration runs on a schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PeopleConfiguration {

    @Bean
    PeopleDirectory peopleDirectory(@Value("${inetpublish.people.auth-url:lb://auth-service}") String authUrl,
            ObjectProvider<LoadBalancerClient> loadBalancer, OutsideCalls outside,
            ObjectProvider<UnreachableInstances> unreachable) {
        return new PeopleDirectory(authUrl, loadBalancer, outside, unreachable);
    }
}
