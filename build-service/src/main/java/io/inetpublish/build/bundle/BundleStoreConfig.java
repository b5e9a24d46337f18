package io.inetpublish.build.bundle;

import java.io.IOException;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one bundle store of this service, as {@code inetpublish.bundles.store} says. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BundleProperties.class)
class BundleStoreConfig {

    @Bean
    BundleStore bundleStore(BundleProperties props, DataSource dataSource) throws IOException {
        return switch (props.store()) {
            case "directory" -> new DirectoryBundleStore(props.directory());
            case "postgres" -> new LargeObjectBundleStore(dataSource);
            default -> throw new IllegalStateException("inetpublish.bundles.store (BUILD_BUNDLE_STORE) must be "
                    + "'directory' or 'postgres', not '" + props.store() + "'");
        };
    }
}
