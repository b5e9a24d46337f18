package io.inetpublish.release.schedule;

import io.inetpublish.common.outside.OutsideCalls;
import io.inetpublish.common.people.PeopleDirectory;
import io.inetpublish.loadbalancing.UnreachableInstances;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A schedule's owner is a platform person (auth-service). */
@Configuration(proxyBeanMethods = false)
class PeopleConfiguration {

    @Bean
    PeopleDirectory peopleDirectory(@Value("${inetpublish.people.auth-url:lb://auth-service}") String authUrl,
            ObjectProvider<LoadBalancerClient> loadBalancer, OutsideCalls outside,
            ObjectProvider<UnreachableInstances> unreachable) {
        return new PeopleDirectory(authUrl, loadBalancer, outside, unreachable);
    }
}
