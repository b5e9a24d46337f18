package io.inetpublish.common.i18n;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * The platform's one message catalogue, read in the language of the request ({@code Accept-Language}: Chinese by
 * default, English on request; {@link MessagesAutoConfiguration}). Texts live in {@code common-messages*.properties}
 * (shared) and each service's {@code messages*.properties}, under codes with arguments ({@code {0}}); code never
 * builds a sentence itself. An argument that is a {@link MessageSourceResolvable} ({@link #of}) is resolved too, so a
 * message can name a thing in the same language ("发布记录" / "Release record").
 */
public class Messages {

    private final MessageSource source;

    public Messages(MessageSource source) {
        this.source = source;
    }

    /** The text of {@code code} in the current request's language; an unknown code is shown as it is. */
    public String text(String code, Object... args) {
        return text(LocaleContextHolder.getLocale(), code, args);
    }

    public String text(Locale locale, String code, Object... args) {
        return source.getMessage(code, plain(args), code, locale);
    }

    /** A message with its arguments resolved in {@code locale}. */
    public String text(Locale locale, MessageSourceResolvable message) {
        return source.getMessage(message, locale);
    }

    /**
     * Arguments as they are written into a text: numbers as their digits (MessageFormat would group them, "2,001"),
     * nothing when there are none (a text without arguments is taken literally, quotes included).
     */
    static Object[] plain(Object... args) {
        if (args == null || args.length == 0) {
            return null;
        }
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = args[i] instanceof Number n ? n.toString() : args[i];
        }
        return out;
    }

    /** A message to be resolved later, in the language of whoever reads it (e.g. an argument of another message). */
    public static MessageSourceResolvable of(String code, Object... args) {
        return new DefaultMessageSourceResolvable(new String[] {code}, plain(args), code);
    }
}
