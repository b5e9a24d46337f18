package io.inetpublish.common.text;

import java.util.Locale;

/**
 * A search text as a SQL {@code LIKE} pattern, for {@code lower(column) like :pattern escape '\'} (JPQL and SQL) or
 * {@code cb.like(cb.lower(column), pattern, Like.ESCAPE)} (criteria): the text matches as typed, so a {@code %},
 * {@code _} or {@code \} in it is not a wildcard.
 */
public final class Like {

    /** The escape character the patterns use; the query must name it ({@code escape '\'}). */
    public static final char ESCAPE = '\\';

    private Like() {
    }

    /** Matches a value containing {@code text} (stripped, lower-cased); null or blank matches every value. */
    public static String containing(String text) {
        String lower = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return "%" + lower.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
