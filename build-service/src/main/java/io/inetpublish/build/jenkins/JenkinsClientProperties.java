package io.inetpublish.build.jenkins;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much of a console log one call hands out. The timeouts, retry, breaker and bulkhead of Jenkins calls are the
 * outside call {@code jenkins} ({@code application.yml}; README, "Outside calls").
 */
@ConfigurationProperties("inetpublish.jenkins-client")
record JenkinsClientProperties(@DefaultValue("1048576") int maxLogChunkBytes) {
}
