package io.inetpublish.release.schedule;

import io.inetpublish.common.people.PeopleDirectoryConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** A schedule's owner is a platform person (auth-service). */
@Configuration(proxyBeanMethods = false)
@Import(PeopleDirectoryConfiguration.class)
class PeopleConfiguration {
}
