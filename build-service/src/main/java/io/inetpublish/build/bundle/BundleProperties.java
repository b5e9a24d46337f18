package io.inetpublish.build.bundle;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the platform keeps packages ({@code inetpublish.bundles.*}; README, "Configuration").
 *
 * @param store {@code directory} (files under {@code directory}) or {@code postgres} (large objects)
 * @param directory the directory store's root
 * @param retention bundles stored longer ago than this are removed (unless a deployment used them or someone is
 *     downloading them); {@code 0} keeps them forever
 * @param retentionInterval how often the retention run looks
 * @param readerStaleAfter a download that has not reported for this long no longer protects its bundle
 * @param copyGiveUpAfter how long a copy from Jenkins is retried (Jenkins away, the store failing) before the bundle
 *     is marked failed
 */
@ConfigurationProperties("inetpublish.bundles")
public record BundleProperties(
        @DefaultValue("directory") String store,
        @DefaultValue("bundles") Path directory,
        @DefaultValue("P180D") Duration retention,
        @DefaultValue("PT1H") Duration retentionInterval,
        @DefaultValue("PT2M") Duration readerStaleAfter,
        @DefaultValue("PT24H") Duration copyGiveUpAfter) {

    public boolean keepsForever() {
        return retention.isZero() || retention.isNegative();
    }
}
