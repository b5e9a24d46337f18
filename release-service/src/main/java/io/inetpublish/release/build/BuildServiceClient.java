package io.inetpublish.release.build;

import java.util.UUID;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** build-service's read API, as far as release-service needs it. Only called through {@link BuildDirectory}. */
@FeignClient(name = "build-service")
interface BuildServiceClient {

    @GetMapping("/api/builds/{id}")
    BuildInfo build(@PathVariable("id") UUID id);
}
