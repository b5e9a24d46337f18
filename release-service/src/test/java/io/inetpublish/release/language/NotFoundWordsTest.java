package io.inetpublish.release.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every kind of thing this service answers 404 for ({@code new NotFoundException("kind", id)}) has its word under
 * {@code thing.kind} in both languages; without it the problem names the code ("approval … 不存在").
 */
class NotFoundWordsTest {

    private static final Pattern KIND = Pattern.compile("new NotFoundException\\(\"([^\"]+)\"");

    @Test
    void everyKindOfNotFoundHasItsWordInChineseAndEnglish() throws IOException {
        Set<String> kinds = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = KIND.matcher(Files.readString(source));
                while (m.find()) {
                    kinds.add(m.group(1));
                }
            }
        }
        assertThat(kinds).as("the service's 404 kinds").contains("release", "rollout", "approval");
        for (String file : new String[] {"messages.properties", "messages_en.properties"}) {
            Properties words = new Properties();
            try (Reader in = Files.newBufferedReader(Path.of("src/main/resources", file), StandardCharsets.UTF_8)) {
                words.load(in);
            }
            for (String kind : kinds) {
                assertThat(words.getProperty("thing." + kind)).as("thing.%s in %s", kind, file).isNotBlank();
            }
        }
    }
}
