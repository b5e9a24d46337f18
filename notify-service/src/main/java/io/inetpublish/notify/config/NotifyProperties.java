package io.inetpublish.notify.config;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notifications are delivered.
 *
 * @param platformBaseUrl where cards link to ({@code PLATFORM_BASE_URL})
 */
@ConfigurationProperties("inetpublish.notify")
public record NotifyProperties(@DefaultValue("http://localhost:8080") URI platformBaseUrl,
        @DefaultValue Sender sender, @DefaultValue Limits limits) {

    /**
     * The scheduled sender.
     *
     * @param pollInterval pause between two rounds over the due rows
     * @param batchSize rows claimed per round
     * @param perDestination most rows of one destination (a person, a group bot) claimed per round, so that one with
     *     a backlog cannot fill the round; Feishu lets a destination take 5 messages a second
     * @param lease how long a claimed row stays hidden from other instances while it is being sent
     * @param initialBackoff wait after the first transient failure; doubled per attempt
     * @param maxBackoff longest wait between two attempts
     * @param giveUpAfter a notification still failing transiently this long after it became pending is FAILED
     */
    public record Sender(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("50") int batchSize,
            @DefaultValue("5") int perDestination, @DefaultValue("2m") Duration lease,
            @DefaultValue("5s") Duration initialBackoff, @DefaultValue("15m") Duration maxBackoff,
            @DefaultValue("24h") Duration giveUpAfter) {
    }

    /**
     * Feishu's documented limits, enforced before each call for all instances together (counted in the database).
     *
     * @param margin added to every window so requests arriving at Feishu bunched by the network still fit
     */
    public record Limits(@DefaultValue("5") int botPerSecond, @DefaultValue("100") int botPerMinute,
            @DefaultValue("50") int appPerSecond, @DefaultValue("1000") int appPerMinute,
            @DefaultValue("5") int userPerSecond, @DefaultValue("100ms") Duration margin) {
    }
}
