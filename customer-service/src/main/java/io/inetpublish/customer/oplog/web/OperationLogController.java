package io.inetpublish.customer.oplog.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;

import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.UpdateType;
import io.inetpublish.common.i18n.Messages;
import io.inetpublish.common.i18n.StoredText;
import io.inetpublish.common.text.Texts;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.PageResponse;
import io.inetpublish.common.web.Paging;
import io.inetpublish.customer.oplog.OperationLog;
import io.inetpublish.customer.oplog.OperationLogQuery;
import io.inetpublish.customer.oplog.OperationLogQuery.Filter;
import io.inetpublish.customer.oplog.OperationLogQuery.LogEntry;
import io.inetpublish.customer.support.Csv;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operation log (操作日志), read-only: there is no endpoint that changes or deletes an entry. */
@Tag(name = "Operation log",
        description = "操作日志: every change of every service, append-only, with operator, time, action, target and "
                + "changes.")
@RestController
@RequestMapping("/api/operation-logs")
@RequiredArgsConstructor
class OperationLogController {

    private final OperationLogQuery query;
    private final Messages messages;

    /**
     * The search both endpoints take, as query parameters, each optional: customer, environment, component, operator,
     * a time range ({@code from} before {@code to}, ISO date-times), update type, action, kind and target. Update type,
     * action and kind are closed sets: a value outside one is refused naming the values it takes (the error handler's
     * one rule for every enum).
     */
    record Search(UUID customerId, UUID environmentId, String component, String operator,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to, UpdateType updateType,
            AuditEvent.Action action, AuditEvent.Kind kind, String target) {

        /** The filter this search asks for; an empty time range is refused. */
        Filter filter() {
            if (from != null && to != null && !from.isBefore(to)) {
                throw new FieldException("to", "oplog.to-after-from");
            }
            return new Filter(customerId, environmentId, Texts.blankToNull(component), Texts.blankToNull(operator),
                    from, to, name(updateType), name(action), name(kind), Texts.blankToNull(target));
        }

        private static String name(Enum<?> value) {
            return value == null ? null : value.name();
        }
    }

    @Operation(summary = "Search the operation log",
            description = "Filters: kind, operator, target, from/to, customer, environment, component, update type, "
                    + "action.")
    @GetMapping
    PageResponse<LogEntry> page(@ParameterObject Search search, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return query.page(search.filter(), Paging.page(page), Paging.size(size, 500));
    }

    @Operation(summary = "The same search as CSV")
    @GetMapping("/export")
    void export(@ParameterObject Search search, HttpServletResponse response) throws IOException {
        Filter filter = search.filter();
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"operation-log.csv\"");
        Writer out = response.getWriter();
        Csv.row(out, "time", "operator", "action", "customer", "environment", "components", "updateType",
                "configChange", "release", "source", "detail", "kind", "operatorId", "target", "targetId",
                "fieldChanges", "facts");
        query.each(filter, entry -> {
            try {
                Csv.row(out, entry.at(), entry.actor() == null ? null : entry.actor().name(), entry.action(),
                        entry.customerName(),
                        entry.environmentName(), entry.changes().stream().map(OperationLogController::describe)
                                .collect(Collectors.joining("; ")),
                        entry.updateType(), entry.configChange(), entry.releaseNumber(), entry.source(),
                        entry.detail(), entry.kind(), entry.actor() == null ? null : entry.actor().id(), entry.targetName(),
                        entry.targetId(),
                        entry.fieldChanges().stream().map(OperationLogController::describe)
                                .collect(Collectors.joining("; ")),
                        entry.facts().entrySet().stream().map(f -> fact(f.getKey(), f.getValue()))
                                .collect(Collectors.joining("; ")));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
        out.flush();
    }

    private static String describe(OperationLog.Change change) {
        return change.component() + " " + (change.from() == null ? "∅" : change.from()) + " → "
                + (change.to() == null ? "∅" : change.to());
    }

    private static String describe(AuditEvent.Change change) {
        return change.field() + ": " + (change.from() == null ? "∅" : change.from()) + " → "
                + (change.to() == null ? "∅" : change.to());
    }

    /**
     * A fact as a reader of the export reads it: a build's reason, filed as its codes ({@code reasonText}), worded in
     * the request's language as {@code reason=…} (the web app words it the same way); every other fact as filed.
     */
    private String fact(String key, Object value) {
        if ("reasonText".equals(key) && value instanceof String json) {
            return "reason=" + StoredText.render(json, json, messages, LocaleContextHolder.getLocale());
        }
        return key + "=" + value;
    }
}
