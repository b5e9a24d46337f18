package io.inetpublish.common.web;

import jakarta.servlet.MultipartConfigElement;
import io.inetpublish.common.i18n.Messages;
import io.inetpublish.common.i18n.MessagesAutoConfiguration;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.autoconfigure.TomcatVirtualThreadsWebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/** Registers the shared problem-details handler in every servlet service that has {@code common} on its path. */
@AutoConfiguration(after = MessagesAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemDetailsHandler.class)
public class CommonWebAutoConfiguration {

    /**
     * Request-body limits that hold for chunked bodies, and multipart read only where files are taken
     * ({@link RequestBodyLimitFilter}); right after Spring Security's filter (order -100).
     */
    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(BeanFactory beans, Environment environment,
            ObjectProvider<MultipartConfigElement> multipart, JsonMapper json, Messages messages,
            ObjectProvider<LocaleResolver> locales) {
        HandlerMapping handlers = new LazyHandlerMapping(beans);
        DataSize limit = environment.getProperty("inetpublish.web.max-body-size", DataSize.class,
                DataSize.ofMegabytes(2));
        MultipartConfigElement config = multipart.getIfAvailable();
        DataSize uploads = config == null || config.getMaxRequestSize() < 0 ? null
                : DataSize.ofBytes(config.getMaxRequestSize());
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(handlers, environment, limit, uploads, json, messages,
                        locales.getIfAvailable(MessagesAutoConfiguration::requestLanguage)));
        registration.setOrder(-99);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * Requests are handled on virtual threads ({@code inetpublish.web.virtual-threads}, default true): Tomcat's request
     * executor only, what Spring Boot's {@code spring.threads.virtual.enabled} does for Tomcat. The message listeners,
     * the outbox relays, the schedulers and the task executors keep their platform threads ({@code
     * spring.threads.virtual.enabled} stays false: not measured for them). Measured on customer-service's list, a JDBC
     * read (bench/footprint/threads.sh, docs/bench-footprint.md): more requests per second and less CPU per request
     * than Tomcat's pool of platform threads, about the same memory.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(TomcatVirtualThreadsWebServerFactoryCustomizer.class)
    @ConditionalOnBooleanProperty(name = "inetpublish.web.virtual-threads", matchIfMissing = true)
    static class RequestsOnVirtualThreads {

        @Bean
        TomcatVirtualThreadsWebServerFactoryCustomizer requestsOnVirtualThreads() {
            return new TomcatVirtualThreadsWebServerFactoryCustomizer();
        }
    }

    /** The DispatcherServlet's request mappings, looked up at the first request (they exist only later). */
    private static final class LazyHandlerMapping implements HandlerMapping {

        private final BeanFactory beans;
        private volatile HandlerMapping mapping;

        LazyHandlerMapping(BeanFactory beans) {
            this.beans = beans;
        }

        @Override
        public HandlerExecutionChain getHandler(HttpServletRequest request) throws Exception {
            HandlerMapping current = mapping;
            if (current == null) {
                current = beans.getBean("requestMappingHandlerMapping", HandlerMapping.class);
                mapping = current;
            }
            return current.getHandler(request);
        }
    }
}
