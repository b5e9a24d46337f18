package io.inetpublish.release.schedule.web;

import java.time.Instant;
import java.util.UUID;

import io.inetpublish.common.web.PageResponse;
import io.inetpublish.release.schedule.UpdateSchedule;
import io.inetpublish.release.schedule.UpdateScheduleRepository;
import lombok.RequiredArgsConstructor;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/schedules")
@RequiredArgsConstructor
class ScheduleController {

    private final UpdateScheduleRepository schedules;

    record ScheduleView(UUID id, String title, Instant plannedAt, String status, String owner) {

        static ScheduleView of(UpdateSchedule schedule) {
            return new ScheduleView(schedule.getId(), schedule.getTitle(), schedule.getPlannedAt(),
                    schedule.getStatus(), schedule.getOwnerName());
        }
    }

    @GetMapping
    @Transactional(readOnly = true)
    PageResponse<ScheduleView> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        var request = PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 200), Sort.by("plannedAt"));
        return PageResponse.of(schedules.findAll(request), ScheduleView::of);
    }
}
