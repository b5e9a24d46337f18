package io.inetpublish.build.build;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the follower watches builds.
 *
 * @param interval how often due builds are looked at, and the pause between looks at a queued/running build
 * @param lease how long a claimed build is left to the instance polling it
 * @param maxBackoff the longest pause after repeated failures to reach Jenkins
 * @param maxFailures consecutive failures after which the build is given up as LOST
 * @param queueMissingGrace how long a vanished queue item may stay unexplained before the build is LOST
 * @param unconfirmedWindow how long to look for the build of a trigger whose answer was lost
 * @param triggerGrace after this a row still TRIGGERING belongs to a process that died mid-trigger
 */
@ConfigurationProperties("inetpublish.builds.follow")
record BuildFollowProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("3s") Duration interval,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("20") int batchSize,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("10") int maxFailures,
        @DefaultValue("2m") Duration queueMissingGrace,
        @DefaultValue("10m") Duration unconfirmedWindow,
        @DefaultValue("2m") Duration triggerGrace) {

    Duration backoff(int failures) {
        long millis = interval.toMillis() * (1L << Math.min(failures, 20));
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
