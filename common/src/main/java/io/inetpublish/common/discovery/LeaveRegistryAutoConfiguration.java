package io.inetpublish.common.discovery;

import java.time.Duration;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.HealthCheckHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.cloud.netflix.eureka.EurekaClientAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * {@link LeaveRegistryFirst}, {@link ReadinessFollowingStatus} and {@link ReportWhenReady} for every service registered
 * with Eureka.
 */
@AutoConfiguration(after = EurekaClientAutoConfiguration.class)
@ConditionalOnClass(ApplicationInfoManager.class)
public class LeaveRegistryAutoConfiguration {

    @Bean
    @ConditionalOnBean(ApplicationInfoManager.class)
    LeaveRegistryFirst leaveRegistryFirst(ApplicationInfoManager instance,
            @Value("${inetpublish.shutdown.leave-registry-wait:0s}") Duration wait) {
        return new LeaveRegistryFirst(instance, wait);
    }

    /**
     * The status the instance reports follows its readiness, its database and its signing keys
     * ({@code readinessState}, {@code db}, {@code signingKeys} health indicators), unless it is leaving.
     */
    @Bean
    @ConditionalOnBean(ApplicationInfoManager.class)
    HealthCheckHandler readinessFollowingStatus(ObjectProvider<HealthContributorRegistry> health,
            LeaveRegistryFirst leaveRegistryFirst) {
        return new ReadinessFollowingStatus(name -> {
            HealthContributorRegistry registry = health.getIfAvailable();
            return registry == null ? null : registry.getContributor(name);
        }, leaveRegistryFirst::leaving);
    }

    @Bean
    @ConditionalOnBean(ApplicationInfoManager.class)
    ReportWhenReady reportWhenReady(ApplicationInfoManager instance, HealthCheckHandler readinessFollowingStatus) {
        return new ReportWhenReady(instance, readinessFollowingStatus);
    }
}
