package io.inetpublish.common.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.inetpublish.common.i18n.Messages;

import lombok.extern.slf4j.Slf4j;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.ResolvableType;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The one error handler of every service: RFC 9457 problem details with a stable {@code type} per kind of error and,
 * for bad input, an {@code errors} list naming each wrong field. A 500 never carries the exception's message.
 * {@code title}, {@code detail} and each field's {@code message} are in the request's language ({@code Accept-Language},
 * Chinese by default), read from the catalogue ({@link Messages}).
 */
@Slf4j
@RestControllerAdvice
public class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

    public static final String TYPE_BASE = "https://inetpublish.io/problems/";

    private final Messages messages;

    public ProblemDetailsHandler(Messages messages) {
        this.messages = messages;
    }

    /** One wrong field of a request. */
    public record FieldProblem(String field, String message) {
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApi(ApiException ex) {
        String detail = messages.text(ex.code(), ex.args());
        ProblemDetail problem = problem(ex.status(), ex.problemType(), detail);
        if (ex instanceof FieldException fe) {
            problem.setProperty("errors", List.of(new FieldProblem(fe.field(), detail)));
        }
        if (ex.status().is5xxServerError()) {
            log.warn("{}: {}", ex.getClass().getSimpleName(), ex.getMessage(), ex.getCause());
        }
        return ResponseEntity.status(ex.status()).body(problem);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> handleIntegrity(DataIntegrityViolationException ex) {
        log.info("Refused by a database constraint: {}", ex.getMostSpecificCause().getMessage());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, "conflict",
                text("problem.integrity")));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> handleConcurrentEdit(OptimisticLockingFailureException ex) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, "concurrent-edit",
                text("problem.concurrent-edit")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> handleTypeMismatch(MethodArgumentTypeMismatchException ex) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", text("problem.validation"));
        problem.setProperty("errors", List.of(new FieldProblem(ex.getName(),
                oneOf(valueType(ex), WRONG_TYPE))));
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * The type one value of the parameter converts to: a list's or an array's element type ({@code status=A&status=B}
     * as {@code List<ReleaseStatus>}), so a closed set given as a list is refused with its values like a single one.
     */
    private static Class<?> valueType(MethodArgumentTypeMismatchException ex) {
        Class<?> type = ex.getRequiredType();
        if (type != null && (type.isArray() || Collection.class.isAssignableFrom(type))) {
            ResolvableType declared = ResolvableType.forMethodParameter(ex.getParameter());
            Class<?> element = type.isArray() ? declared.getComponentType().resolve()
                    : declared.asCollection().resolveGeneric(0);
            return element != null ? element : type;
        }
        return type;
    }

    @ExceptionHandler(RequestBodyTooLargeException.class)
    ResponseEntity<ProblemDetail> handleBodyTooLarge(RequestBodyTooLargeException ex) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem(HttpStatus.CONTENT_TOO_LARGE,
                "body-too-large", text("problem.body-too-large", RequestBodyLimitFilter.readable(ex.limit()))));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
        RequestBodyTooLargeException tooLarge = causeOf(ex, RequestBodyTooLargeException.class);
        if (tooLarge != null) {
            return handleBodyTooLarge(tooLarge);
        }
        log.error("Unexpected error", ex);
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                text("problem.internal")));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            TypeMismatchException mismatch = error.contains(TypeMismatchException.class)
                    ? error.unwrap(TypeMismatchException.class) : null;
            errors.add(new FieldProblem(error.getField(),
                    mismatch != null ? oneOf(mismatch.getRequiredType(), WRONG_TYPE) : text(error)));
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(error -> errors.add(new FieldProblem(error.getObjectName(), text(error))));
        return validation(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error -> {
            String name = result.getMethodParameter().getParameterName();
            errors.add(new FieldProblem(error instanceof FieldError fe ? fe.getField() : name,
                    text(error)));
        }));
        return validation(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestBodyTooLargeException tooLarge = causeOf(ex, RequestBodyTooLargeException.class);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(handleBodyTooLarge(tooLarge).getBody());
        }
        String field = null;
        Throwable cause = ex.getCause();
        if (cause instanceof JacksonException json && !json.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JacksonException.Reference ref : json.getPath()) {
                if (ref.getPropertyName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            field = path.toString();
        }
        if (field == null || field.isEmpty()) {
            ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "unreadable-body",
                    text("problem.unreadable-body"));
            return ResponseEntity.badRequest().body(problem);
        }
        Class<?> target = cause instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        return validation(List.of(new FieldProblem(field, oneOf(target, WRONG_TYPE))));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem(HttpStatus.CONTENT_TOO_LARGE,
                "upload-too-large", text("problem.upload-too-large-any")));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
                problem.setType(URI.create(TYPE_BASE + "http-" + status.value()));
                // Spring's own answers (405, 406, 415...): their English detail gives way to the catalogue's
                String detail = messages.text("problem.http-" + status.value());
                problem.setDetail(detail.equals("problem.http-" + status.value()) ? problem.getDetail() : detail);
            }
            localizeTitle(problem, status);
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    /**
     * The words for a value that does not convert to what its field takes (a date, a number, an id), wherever it came
     * in: a query parameter, a form field, a JSON body. Spring's own code for it, so that a binding error that reaches
     * {@link #text(org.springframework.context.MessageSourceResolvable)} reads the same.
     */
    private static final String WRONG_TYPE = "typeMismatch";

    /**
     * What a person is told when a value does not convert to {@code type}: for a closed set (an enum, in a query
     * parameter, a form field or a JSON body alike) the values it takes, otherwise the message {@code otherwise}.
     */
    private String oneOf(Class<?> type, String otherwise) {
        if (type == null || !type.isEnum()) {
            return text(otherwise);
        }
        return text("problem.one-of", Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                .collect(Collectors.joining(", ")));
    }

    private ResponseEntity<Object> validation(List<FieldProblem> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", text("problem.validation"));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /** The first exception of this type in the chain of causes, or null. */
    static <T extends Throwable> T causeOf(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private ProblemDetail problem(HttpStatusCode status, String type, String detail) {
        return problem(messages, LocaleContextHolder.getLocale(), status, type, detail);
    }

    /** A validation error: its text as Bean Validation wrote it (already in the request's language) or the
     * catalogue's for Spring's own codes (typeMismatch). */
    private String text(org.springframework.context.MessageSourceResolvable error) {
        return messages.text(LocaleContextHolder.getLocale(), error);
    }

    private String text(String code, Object... args) {
        return messages.text(code, args);
    }

    private void localizeTitle(ProblemDetail problem, HttpStatusCode status) {
        localizeTitle(messages, LocaleContextHolder.getLocale(), problem, status);
    }

    private static void localizeTitle(Messages messages, Locale locale, ProblemDetail problem, HttpStatusCode status) {
        String code = "problem.title." + status.value();
        String title = messages.text(locale, code);
        if (!title.equals(code)) {
            problem.setTitle(title);
        }
    }

    /** A problem with a {@code detail} already in {@code locale}, and its {@code title} in the same language. */
    public static ProblemDetail problem(Messages messages, Locale locale, HttpStatusCode status, String type,
            String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        localizeTitle(messages, locale, problem, status);
        return problem;
    }

}
