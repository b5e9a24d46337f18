package io.inetpublish.notify.notification.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.inetpublish.common.i18n.Messages;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.PageResponse;
import io.inetpublish.common.web.Paging;
import io.inetpublish.notify.card.CardFactory;
import io.inetpublish.notify.notification.Channel;
import io.inetpublish.notify.notification.Notification;
import io.inetpublish.notify.notification.NotificationKind;
import io.inetpublish.notify.notification.NotificationLog;
import io.inetpublish.notify.notification.NotificationStatus;
import io.inetpublish.notify.notification.RecipientRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.Sort;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The notification log: what was sent to whom for which event, its status, attempts and last error; resend. */
@Tag(name = "Notifications",
        description = "The notification log: what was sent to whom on Feishu for which event, its status and "
                + "attempts.")
@RestController
@RequestMapping("/api/notifications")
@RequiredArgsConstructor
class NotificationController {

    private final NotificationLog log;
    private final JsonMapper json;
    private final Messages messages;

    record NotificationView(UUID id, UUID eventId, String eventType, NotificationKind kind, Channel channel,
            String recipient, RecipientRole recipientRole, String recipientName, String title, String link,
            NotificationStatus status, int attempts, String lastError, Instant createdAt, Instant nextAttemptAt,
            Instant sentAt, Instant updatedAt) {

        /** The last error in the request's language ({@code Accept-Language}). */
        static NotificationView of(Notification n, Messages messages) {
            return new NotificationView(n.getId(), n.getEventId(), n.getEventType(), n.getKind(), n.getChannel(),
                    n.getRecipient(), n.getRecipientRole(), n.getRecipientName(), n.getTitle(), n.getLink(),
                    n.getStatus(), n.getAttempts(),
                    n.lastErrorIn(messages, LocaleContextHolder.getLocale()), n.getCreatedAt(),
                    n.getStatus() == NotificationStatus.PENDING ? n.getNextAttemptAt() : null, n.getSentAt(),
                    n.getUpdatedAt());
        }
    }

    record NotificationDetail(NotificationView notification, String messageUuid, String feishuMessageId,
            JsonNode card) {
    }

    /**
     * @param from first day (inclusive, Beijing time), {@code to} last day (inclusive)
     */
    @Operation(summary = "List notifications",
            description = "Newest first; from/to are days in Beijing time, both inclusive; size at most 200.")
    @GetMapping
    PageResponse<NotificationView> list(@RequestParam(required = false) NotificationStatus status,
            @RequestParam(required = false) NotificationKind kind, @RequestParam(required = false) Channel channel,
            @RequestParam(required = false) String recipient, @RequestParam(required = false) UUID eventId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new FieldException("to", "notification.to-before-from");
        }
        var filter = new NotificationLog.Filter(status, kind, channel, recipient, eventId,
                from == null ? null : from.atStartOfDay(CardFactory.CHINA).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(CardFactory.CHINA).toInstant());
        var request = Paging.request(page, size, 200,
                Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("id")));
        return PageResponse.of(log.list(filter, request), n -> NotificationView.of(n, messages));
    }

    @Operation(summary = "Show a notification with the card it sent")
    @GetMapping("/{id}")
    NotificationDetail get(@PathVariable UUID id) {
        return detail(log.get(id));
    }

    @Operation(summary = "Send a notification again", description = "Support, admin.")
    @PostMapping("/{id}/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    NotificationDetail resend(@PathVariable UUID id) {
        return detail(log.resend(id));
    }

    private NotificationDetail detail(Notification n) {
        return new NotificationDetail(NotificationView.of(n, messages), n.getMessageUuid(), n.getFeishuMessageId(),
                json.readTree(n.getCard()));
    }
}
