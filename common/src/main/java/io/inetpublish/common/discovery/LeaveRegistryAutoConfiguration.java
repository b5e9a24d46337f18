package io.inetpublish.common.discovery;

import java.time.Duration;

import com.netflix.appinfo.ApplicationInfoManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.netflix.eureka.EurekaClientAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** {@link LeaveRegistryFirst} for every service registered with Eureka. */
@AutoConfiguration(after = EurekaClientAutoConfiguration.class)
@ConditionalOnClass(ApplicationInfoManager.class)
public class LeaveRegistryAutoConfiguration {

    @Bean
    @ConditionalOnBean(ApplicationInfoManager.class)
    LeaveRegistryFirst leaveRegistryFirst(ApplicationInfoManager instance,
            @Value("${inetpublish.shutdown.leave-registry-wait:0s}") Duration wait) {
        return new LeaveRegistryFirst(instance, wait);
    }
}
