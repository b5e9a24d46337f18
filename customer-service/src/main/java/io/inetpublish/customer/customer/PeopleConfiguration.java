package io.inetpublish.customer.customer;

import io.inetpublish.common.people.PeopleDirectoryConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Owners are platform people (auth-service); the owner migration runs on a schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@Import(PeopleDirectoryConfiguration.class)
class PeopleConfiguration {
}
