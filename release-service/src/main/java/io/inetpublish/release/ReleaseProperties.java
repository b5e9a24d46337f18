package io.inetpublish.release;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * release-service settings ({@code inetpublish.release.*}).
 *
 * @param zone the business time zone: the year of a release number, "this week" of the schedule views and the
 *     default zone of a schedule's planned time
 * @param dueSoon how long before its planned time a schedule is announced as DUE_SOON
 */
@ConfigurationProperties("inetpublish.release")
public record ReleaseProperties(ZoneId zone, Duration dueSoon) {

    public ReleaseProperties {
        zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
        dueSoon = dueSoon == null ? Duration.ofHours(24) : dueSoon;
    }
}
