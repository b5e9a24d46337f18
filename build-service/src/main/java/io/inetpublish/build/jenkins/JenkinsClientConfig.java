package io.inetpublish.build.jenkins;

import io.inetpublish.common.net.IntegrationHosts;
import io.inetpublish.common.outside.OutsideCall;
import io.inetpublish.common.outside.OutsideCalls;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** The Jenkins HTTP client on the outside call {@value #INSTANCE}: its timeouts, retry, breaker and bulkhead. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JenkinsClientProperties.class)
class JenkinsClientConfig {

    static final String INSTANCE = "jenkins";

    @Bean
    JenkinsClient jenkinsClient(JenkinsClientProperties props, OutsideCalls outside, MeterRegistry meters,
            IntegrationHosts hosts) {
        OutsideCall jenkins = outside.get(INSTANCE);
        // HTTP/1.1 as Jenkins speaks it (Winstone serves HTTP/2 only on its own port): the JDK client's default
        // h2c upgrade on a plain-http Jenkins made large artifact streams fail half-way behind some servers; and no
        // redirects followed, so a trigger sees its 201/303 and Location
        RestClient http = RestClient.builder().requestFactory(jenkins.requestFactory()).build();
        // artifacts stream for as long as they take: the read timeout bounds each wait for the next bytes
        RestClient streams = RestClient.builder().requestFactory(jenkins.streamingRequestFactory()).build();
        return new JenkinsClient(http, streams, jenkins, meters, props.maxLogChunkBytes(), hosts);
    }
}
