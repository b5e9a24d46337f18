package io.inetpublish.common.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * English sentences the platform wrote before texts were kept as codes read back into their codes, by the patterns of
 * the catalogue that writes them (a build's reason in events and timeline entries of the version before).
 */
class EnglishTextsTest {

    private final Messages messages = new Messages(MessagesAutoConfiguration.catalogue());

    private static Properties englishReasons() throws Exception {
        Properties catalogue = new Properties();
        try (var in = EnglishTextsTest.class.getClassLoader().getResourceAsStream("build-reasons_en.properties")) {
            catalogue.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return catalogue;
    }

    @Test
    void everyReasonOfTheCatalogueWrittenInEnglishReadsBackAsItsCodeAndArguments() throws Exception {
        Properties catalogue = englishReasons();
        assertThat(catalogue.stringPropertyNames()).hasSizeGreaterThan(30);
        for (String code : catalogue.stringPropertyNames()) {
            Matcher placeholders = Pattern.compile("\\{(\\d+)}").matcher(catalogue.getProperty(code));
            int count = 0;
            while (placeholders.find()) {
                count = Math.max(count, Integer.parseInt(placeholders.group(1)) + 1);
            }
            List<Object> args = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                args.add("value-" + (char) ('a' + i));
            }
            StoredText original = new StoredText(code, args);
            String english = original.render(messages, Locale.ENGLISH);

            StoredText read = EnglishTexts.buildReasons().read(english);

            assertThat(read).as(code + ": " + english).isEqualTo(original);
        }
    }

    @Test
    void aQuotedReasonNestsAndNumbersAreNumbers() {
        StoredText reason = StoredText.of("build.reason.bundle-failed", "SUCCESS", StoredText.of("bundle.copy.checksum",
                "dist/R-1.tar.gz", "0123abcd", "4567ef01"));
        StoredText gaveUp = StoredText.of("build.reason.gave-up", 3, StoredText.of("jenkins.unreachable",
                "Connection refused"));
        StoredText forbidden = StoredText.of("jenkins.forbidden", StoredText.of("jenkins.what.build", "ops/package", 17));

        for (StoredText text : List.of(reason, gaveUp, forbidden)) {
            assertThat(EnglishTexts.buildReasons().read(text.render(messages, Locale.ENGLISH))).isEqualTo(text);
        }
        assertThat(reason.render(messages, Locale.ENGLISH)).isEqualTo("Jenkins: SUCCESS; checksum mismatch for "
                + "dist/R-1.tar.gz: Jenkins' fingerprint (MD5) is 0123abcd, the received file's is 4567ef01");
    }

    @Test
    void aTextNoPatternWroteIsNotRead() {
        assertThat(EnglishTexts.buildReasons().read("compilation failed")).isNull();
        assertThat(EnglishTexts.buildReasons().read("Jenkins:")).isNull();
        assertThat(EnglishTexts.buildReasons().read("")).isNull();
        assertThat(EnglishTexts.buildReasons().read(null)).isNull();
    }
}
