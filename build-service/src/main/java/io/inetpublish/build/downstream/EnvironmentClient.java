package io.inetpublish.build.downstream;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** customer-service's environments, found through Eureka. */
@FeignClient(name = "customer-service")
interface EnvironmentClient {

    @GetMapping("/api/environments/{id}")
    EnvironmentDto get(@PathVariable("id") UUID id);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record EnvironmentDto(UUID id, UUID customerId, String customerName, String name, String type,
            boolean internalTest, String jenkinsTarget) {
    }
}
