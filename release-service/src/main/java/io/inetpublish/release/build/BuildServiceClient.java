package io.inetpublish.release.build;

import java.util.List;
import java.util.UUID;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** build-service's read API, as far as release-service needs it. Only called through {@link BuildDirectory}. */
@FeignClient(name = "build-service")
interface BuildServiceClient {

    @GetMapping("/api/builds/{id}")
    BuildInfo build(@PathVariable("id") UUID id);

    /** {@code GET /api/builds?environmentId=…}: an environment's builds, newest first. */
    @GetMapping("/api/builds")
    Page builds(@RequestParam("environmentId") UUID environmentId, @RequestParam("size") int size);

    /** The part of build-service's page that release-service reads. */
    record Page(List<BuildInfo> items) {
    }
}
