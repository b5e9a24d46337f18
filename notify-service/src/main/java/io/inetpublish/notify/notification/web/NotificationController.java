package io.inetpublish.notify.notification.web;

import java.time.Instant;
import java.util.UUID;

import io.inetpublish.common.web.PageResponse;
import io.inetpublish.notify.notification.Notification;
import io.inetpublish.notify.notification.NotificationRepository;
import lombok.RequiredArgsConstructor;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/notifications")
@RequiredArgsConstructor
class NotificationController {

    private final NotificationRepository notifications;

    record NotificationView(UUID id, UUID eventId, String kind, String channel, String recipient, String status,
            int attempts, String lastError, Instant createdAt) {

        static NotificationView of(Notification n) {
            return new NotificationView(n.getId(), n.getEventId(), n.getKind(), n.getChannel(), n.getRecipient(),
                    n.getStatus(), n.getAttempts(), n.getLastError(), n.getCreatedAt());
        }
    }

    @GetMapping
    @Transactional(readOnly = true)
    PageResponse<NotificationView> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        var request = PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 200),
                Sort.by(Sort.Direction.DESC, "createdAt"));
        return PageResponse.of(notifications.findAll(request), NotificationView::of);
    }
}
