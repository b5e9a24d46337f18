package io.inetpublish.common.text;

/** Free text as the services store it. */
public final class Texts {

    private Texts() {
    }

    /** The text without surrounding white space; null when there is none left (an empty form field stores nothing). */
    public static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
