package io.inetpublish.release.customer;

import java.util.List;
import java.util.UUID;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** customer-service's read API, as far as release-service needs it. Only called through {@link CustomerDirectory}. */
@FeignClient(name = "customer-service")
interface CustomerServiceClient {

    @GetMapping("/api/components/{name}")
    ComponentInfo component(@PathVariable("name") String name);

    @GetMapping("/api/environments/{id}")
    EnvironmentInfo environment(@PathVariable("id") UUID id);

    /** A page of environments: customer tags (any of), types (any of), ids; null leaves a filter out. */
    @GetMapping("/api/environments")
    EnvironmentPage environments(@RequestParam(name = "tag", required = false) List<String> tags,
            @RequestParam(name = "type", required = false) List<String> types,
            @RequestParam(name = "id", required = false) List<UUID> ids,
            @RequestParam(name = "internalTest", required = false) Boolean internalTest,
            @RequestParam(name = "customerArchived", required = false) Boolean customerArchived,
            @RequestParam("page") int page, @RequestParam("size") int size);

    @GetMapping("/api/environments/{id}/components")
    List<EnvironmentComponent> environmentComponents(@PathVariable("id") UUID id);

    /** 1 to 50 environments with their installed components and mainlines; unknown ones are left out. */
    @GetMapping("/api/versions/installed")
    List<EnvironmentInstallation> installations(@RequestParam("environments") List<UUID> environments);

    @GetMapping("/api/environments/{id}/components/{component}/history")
    List<VersionChange> history(@PathVariable("id") UUID id, @PathVariable("component") String component);
}
