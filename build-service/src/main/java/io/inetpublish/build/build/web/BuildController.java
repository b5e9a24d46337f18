package io.inetpublish.build.build.web;

import java.time.Instant;
import java.util.UUID;

import io.inetpublish.build.build.Build;
import io.inetpublish.build.build.BuildRepository;
import io.inetpublish.build.build.BuildType;
import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.common.web.PageResponse;
import lombok.RequiredArgsConstructor;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/builds")
@RequiredArgsConstructor
class BuildController {

    private final BuildRepository builds;

    record BuildView(UUID id, UUID releaseId, BuildType type, String status, String requestedBy,
            Instant requestedAt, Integer jenkinsBuildNumber) {

        static BuildView of(Build build) {
            return new BuildView(build.getId(), build.getReleaseId(), build.getType(), build.getStatus(),
                    build.getRequestedByName(), build.getRequestedAt(), build.getJenkinsBuildNumber());
        }
    }

    @GetMapping
    @Transactional(readOnly = true)
    PageResponse<BuildView> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        var request = PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 200),
                Sort.by(Sort.Direction.DESC, "requestedAt"));
        return PageResponse.of(builds.findAll(request), BuildView::of);
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    BuildView get(@PathVariable UUID id) {
        return builds.findById(id).map(BuildView::of).orElseThrow(() -> new NotFoundException("Build", id));
    }
}
