package io.inetpublish.notify.config;

import java.net.http.HttpClient;
import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({ FeishuProperties.class, NotifyProperties.class })
class NotifyConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The HTTP client for Feishu: explicit timeouts; errors are answered, not thrown (see FeishuClient). */
    @Bean
    RestClient feishuRestClient(FeishuProperties feishu) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(feishu.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(feishu.readTimeout());
        return RestClient.builder().requestFactory(factory).build();
    }
}
