package io.inetpublish.build.downstream;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** release-service, found through Eureka. */
@FeignClient(name = "release-service")
interface ReleaseClient {

    @GetMapping("/api/releases/{id}")
    ReleaseDto get(@PathVariable("id") UUID id);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReleaseDto(UUID id, String number, String title, String status, List<ItemDto> items) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ItemDto(String component, String version) {
    }
}
