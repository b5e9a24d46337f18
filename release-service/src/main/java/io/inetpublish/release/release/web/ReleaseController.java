package io.inetpublish.release.release.web;

import java.time.Instant;
import java.util.UUID;

import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.common.web.PageResponse;
import io.inetpublish.release.release.ReleaseRecord;
import io.inetpublish.release.release.ReleaseRecordRepository;
import io.inetpublish.release.release.UpdateType;
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
@RequestMapping("/api/releases")
@RequiredArgsConstructor
class ReleaseController {

    private final ReleaseRecordRepository releases;

    record ReleaseSummary(UUID id, String number, String title, UpdateType updateType, String status,
            String submittedBy, Instant submittedAt) {

        static ReleaseSummary of(ReleaseRecord release) {
            return new ReleaseSummary(release.getId(), release.getNumber(), release.getTitle(),
                    release.getUpdateType(), release.getStatus(), release.getSubmittedByName(),
                    release.getSubmittedAt());
        }
    }

    @GetMapping
    @Transactional(readOnly = true)
    PageResponse<ReleaseSummary> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        var request = PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 200),
                Sort.by(Sort.Direction.DESC, "submittedAt"));
        return PageResponse.of(releases.findAll(request), ReleaseSummary::of);
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    ReleaseSummary get(@PathVariable UUID id) {
        return releases.findById(id).map(ReleaseSummary::of)
                .orElseThrow(() -> new NotFoundException("Release record", id));
    }
}
