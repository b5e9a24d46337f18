package io.inetpublish.common.test;

import java.util.Locale;

import io.inetpublish.common.i18n.Messages;
import io.inetpublish.common.i18n.MessagesAutoConfiguration;

/** The message catalogue's texts as a test expects them in an answer: Chinese (the default) or English. */
public final class Catalogue {

    private static final Messages MESSAGES = new Messages(MessagesAutoConfiguration.catalogue());

    private Catalogue() {
    }

    public static String zh(String code, Object... args) {
        return MESSAGES.text(Locale.SIMPLIFIED_CHINESE, code, args);
    }

    public static String en(String code, Object... args) {
        return MESSAGES.text(Locale.ENGLISH, code, args);
    }
}
