package io.inetpublish.common.i18n;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The message catalogue and the request's language for every service (issue 16, item 5):
 * <ul>
 * <li>{@code messageSource}: the service's own {@code messages*.properties} first, then common's
 * {@code build-reasons*.properties} (the codes of a build's reason, which {@code build.finished} carries to every
 * consumer) and {@code common-messages*.properties}; the files without a language suffix are Chinese (the default), {@code _en}
 * English. Never the machine's language: a request in any other language reads Chinese. Bean Validation reads the
 * same catalogue ({@code message = "{code}"}, and the standard constraints' texts are in common's files).</li>
 * <li>{@code localeResolver}: {@code Accept-Language}, zh-CN when absent or neither Chinese nor English.</li>
 * </ul>
 * Runs before Spring Boot's own message source and MVC configuration, which step back for these beans.
 */
@AutoConfiguration(beforeName = {"org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration",
        "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
        "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration"})
public class MessagesAutoConfiguration {

    public static final Locale DEFAULT_LOCALE = Locale.SIMPLIFIED_CHINESE;
    public static final List<Locale> SUPPORTED = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);

    @Bean
    MessageSource messageSource() {
        return catalogue();
    }

    /** The catalogue as every service reads it (also for tests that check a text). */
    public static MessageSource catalogue() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames("messages", "build-reasons", "common-messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @Bean
    Messages messages(MessageSource messageSource) {
        return new Messages(messageSource);
    }

    /** Servlet services only (the gateway answers in the person's language on its own). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class ServletLocale {

        @Bean
        LocaleResolver localeResolver() {
            return requestLanguage();
        }
    }

    /** zh-CN unless the request's {@code Accept-Language} prefers English. */
    public static AcceptHeaderLocaleResolver requestLanguage() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
        resolver.setSupportedLocales(SUPPORTED);
        resolver.setDefaultLocale(DEFAULT_LOCALE);
        return resolver;
    }
}
