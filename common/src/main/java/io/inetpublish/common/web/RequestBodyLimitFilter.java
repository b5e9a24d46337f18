package io.inetpublish.common.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartRequest;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.http.server.RequestPath;
import io.inetpublish.common.i18n.Messages;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies within their limit, whether they declare a length or come chunked:
 * <ul>
 * <li>a body is read through a counting stream that fails with {@link RequestBodyTooLargeException} (413) the moment
 * it passes the limit, so a chunked 50 MB JSON string never reaches memory; a declared {@code Content-Length} over
 * the limit is refused before anything is read. The limit is {@code inetpublish.web.max-body-size} (2 MB), or the
 * endpoint's {@link MaxBodySize};</li>
 * <li>multipart bodies are parsed only for an endpoint that takes files (a {@link MultipartFile} or
 * {@link jakarta.servlet.http.Part} parameter, or {@link RequestPart}); any other endpoint answers 415 without
 * reading them, so nobody can make a service spool uploads to disk through a read. Uploads are bounded by
 * {@code spring.servlet.multipart.max-request-size}, which Tomcat applies while it streams them.</li>
 * </ul>
 * Runs after Spring Security: a request without a valid token is refused before its body is looked at. Its refusals
 * are in the request's language, as the rest of the problems ({@link ProblemDetailsHandler}).
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final HandlerMapping handlers;
    private final Environment environment;
    private final long defaultLimit;
    private final long multipartLimit;
    private final JsonMapper json;
    private final Messages messages;
    private final LocaleResolver locales;

    public RequestBodyLimitFilter(HandlerMapping handlers, Environment environment, DataSize defaultLimit,
            DataSize multipartLimit, JsonMapper json, Messages messages, LocaleResolver locales) {
        this.messages = messages;
        this.locales = locales;
        this.handlers = handlers;
        this.environment = environment;
        this.defaultLimit = defaultLimit.toBytes();
        this.multipartLimit = multipartLimit == null ? -1 : multipartLimit.toBytes();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (declared <= 0 && !chunked) {
            chain.doFilter(request, response);
            return;
        }
        HandlerMethod handler = handlerOf(request);
        if (isMultipart(request)) {
            if (handler == null || !takesFiles(handler)) {
                refuse(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "multipart-not-accepted",
                        "problem.multipart-not-accepted");
                return;
            }
            if (multipartLimit > 0 && declared > multipartLimit) {
                refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, "upload-too-large",
                        "problem.upload-too-large", readable(multipartLimit));
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        long limit = limitOf(handler);
        if (declared > limit) {
            refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "problem.body-too-large",
                    readable(limit));
            return;
        }
        chain.doFilter(new LimitedBodyRequest(request, limit), response);
    }

    private long limitOf(HandlerMethod handler) {
        MaxBodySize own = handler == null ? null : handler.getMethodAnnotation(MaxBodySize.class);
        return own == null ? defaultLimit : DataSize.parse(environment.resolveRequiredPlaceholders(own.value()))
                .toBytes();
    }

    /** The controller method this request goes to, found as the DispatcherServlet will find it; null if none. */
    private HandlerMethod handlerOf(HttpServletRequest request) {
        RequestPath previous = ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request) : null;
        try {
            ServletRequestPathUtils.parseAndCache(request);
            HandlerExecutionChain chain = handlers.getHandler(request);
            return chain != null && chain.getHandler() instanceof HandlerMethod method ? method : null;
        } catch (Exception ex) {
            // no endpoint takes this request (wrong method or media type): the DispatcherServlet says so
            return null;
        } finally {
            ServletRequestPathUtils.setParsedRequestPath(previous, request);
        }
    }

    static boolean takesFiles(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            Class<?> type = parameter.getNestedParameterType();
            if (parameter.hasParameterAnnotation(RequestPart.class) || MultipartFile.class.isAssignableFrom(type)
                    || jakarta.servlet.http.Part.class.isAssignableFrom(type)
                    || MultipartRequest.class.isAssignableFrom(parameter.getParameterType())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
            String code, Object... args) throws IOException {
        Locale locale = locales.resolveLocale(request);
        ProblemDetail problem = ProblemDetailsHandler.problem(messages, locale, status, type,
                messages.text(locale, code, args));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // the unread body is not worth keeping the connection for
        response.setHeader("Connection", "close");
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }

    static String readable(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }

    /** The request with its body behind a counting stream. */
    static final class LimitedBodyRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;
        private BufferedReader reader;

        LimitedBodyRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }
    }

    static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream body;
        private final long limit;
        private long read;

        LimitedStream(ServletInputStream body, long limit) {
            this.body = body;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = body.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = body.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RequestBodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new RequestBodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
