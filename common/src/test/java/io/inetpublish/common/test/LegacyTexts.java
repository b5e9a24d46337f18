package io.inetpublish.common.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.inetpublish.common.i18n.Messages;
import io.inetpublish.common.i18n.StoredText;

/**
 * The mapping a migration makes from texts stored before texts were stored as codes (issue 16) to
 * {@link StoredText}s: the migration's {@code pg_temp} functions are created on one connection of the test database
 * and asked for one text. Shows what a row holding that text reads as after the migration.
 */
public final class LegacyTexts implements AutoCloseable {

    private static final Pattern FUNCTION = Pattern.compile("create function pg_temp\\..*?\\$\\$;", Pattern.DOTALL);

    private final Connection connection;
    private final String function;

    /**
     * @param migration the migration on the class path, e.g. {@code db/migration/V35_1__build_reasons_as_codes.sql}
     * @param function  its function that maps one text, e.g. {@code pg_temp.reason_of}
     */
    public LegacyTexts(DataSource dataSource, String migration, String function) throws SQLException, IOException {
        this.function = function;
        this.connection = dataSource.getConnection();
        String script;
        try (InputStream in = LegacyTexts.class.getClassLoader().getResourceAsStream(migration)) {
            if (in == null) {
                throw new IllegalArgumentException("no migration " + migration);
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = FUNCTION.matcher(script);
        try (Statement s = connection.createStatement()) {
            int found = 0;
            while (m.find()) {
                // a pooled connection may have them from an earlier test: this session's own are replaced
                s.execute(m.group().replaceFirst("^create function", "create or replace function"));
                found++;
            }
            if (found == 0) {
                throw new IllegalArgumentException(migration + " creates no pg_temp function");
            }
        }
    }

    /** What the migration stores for {@code text}; null when it leaves the text as it is. */
    public StoredText of(String text) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("select " + function + "(?)::text")) {
            p.setString(1, text);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return StoredText.fromJson(r.getString(1));
            }
        }
    }

    /**
     * Each text is mapped to a code that reads, in English, as the text did, and in Chinese contains none of
     * {@code english} (the sentence's own words: what a Chinese reader must not see).
     */
    public void assertMappedAndReadAsBefore(List<String> texts, Messages messages, String... english)
            throws SQLException {
        for (String text : texts) {
            StoredText stored = of(text);
            assertThat(stored).as(text).isNotNull();
            assertThat(stored.render(messages, Locale.ENGLISH)).isEqualTo(text);
            assertThat(stored.render(messages, Locale.SIMPLIFIED_CHINESE)).as(text).doesNotContain(english);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
