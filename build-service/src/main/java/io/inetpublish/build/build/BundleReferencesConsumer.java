package io.inetpublish.build.build;

import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.event.ReleaseDeployed;
import io.inetpublish.common.messaging.EventConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Queue {@code build-service.bundle-references}: which packages customer deployments used ({@code release.deployed}
 * {@code packageBuildId}); their bundles are kept by the retention ({@link BundleRetention#deployed}).
 */
@Configuration(proxyBeanMethods = false)
class BundleReferencesConsumer {

    @Bean
    EventConsumer bundleReferencesEventConsumer(BundleRetention retention) {
        return EventConsumer.forPurpose("bundle-references")
                .on(EventTypes.RELEASE_DEPLOYED, ReleaseDeployed.class, event -> retention.deployed(event.payload()))
                .build();
    }
}
