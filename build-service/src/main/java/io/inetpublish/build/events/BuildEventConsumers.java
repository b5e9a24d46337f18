package io.inetpublish.build.events;

import io.inetpublish.build.build.BundleRetention;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.event.ReleaseDeployed;
import io.inetpublish.common.messaging.EventConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What build-service learns from others: which packages customer deployments used (their bundles are kept). */
@Configuration(proxyBeanMethods = false)
class BuildEventConsumers {

    @Bean
    EventConsumer bundleReferencesConsumer(BundleRetention retention) {
        return EventConsumer.forPurpose("bundle-references")
                .on(EventTypes.RELEASE_DEPLOYED, ReleaseDeployed.class, event -> retention.deployed(event.payload()))
                .build();
    }
}
