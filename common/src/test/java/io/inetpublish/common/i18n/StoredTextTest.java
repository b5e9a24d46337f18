package io.inetpublish.common.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;

class StoredTextTest {

    private final Messages messages = new Messages(catalogue());

    private static StaticMessageSource catalogue() {
        StaticMessageSource source = new StaticMessageSource();
        source.addMessage("outer", Locale.ENGLISH, "gave up after {0} tries: {1}");
        source.addMessage("outer", Locale.SIMPLIFIED_CHINESE, "尝试 {0} 次后放弃：{1}");
        source.addMessage("inner", Locale.ENGLISH, "cannot reach {0}");
        source.addMessage("inner", Locale.SIMPLIFIED_CHINESE, "无法连接 {0}");
        source.addMessage("plain", Locale.ENGLISH, "the app's secret is missing");
        return source;
    }

    @Test
    void nestedTextsAreReadInTheReadersLanguageAfterARoundTripThroughJson() {
        StoredText stored = StoredText.of("outer", 12_345, StoredText.of("inner", "jenkins.example:8080"));

        StoredText read = StoredText.fromJson(stored.toJson());

        assertThat(read).isEqualTo(stored);
        assertThat(read.render(messages, Locale.ENGLISH)).isEqualTo("gave up after 12345 tries: cannot reach jenkins.example:8080");
        assertThat(read.render(messages, Locale.SIMPLIFIED_CHINESE)).isEqualTo("尝试 12345 次后放弃：无法连接 jenkins.example:8080");
    }

    @Test
    void aTextWithoutArgumentsIsTakenLiterallyAndOtherArgumentsAsTheirText() {
        assertThat(StoredText.of("plain").render(messages, Locale.ENGLISH)).isEqualTo("the app's secret is missing");
        assertThat(StoredText.of("inner", Duration.ofHours(2)).args()).isEqualTo(List.of("PT2H"));
        assertThat(StoredText.of("inner", (Object) null).args()).isEqualTo(List.of(""));
        assertThat(StoredText.of("inner", "x".repeat(600)).args().getFirst().toString()).hasSize(StoredText.MAX_ARG);
    }

    @Test
    void aCatalogueMessageNestedInAnExceptionsArgumentsIsKeptAsACode() {
        StoredText stored = StoredText.of("outer", 3, Messages.of("inner", "feishu"));

        assertThat(stored.args().get(1)).isEqualTo(StoredText.of("inner", "feishu"));
    }

    @Test
    void aRowFromBeforeShowsItsTextAndAnUnknownCodeShowsAsItIs() {
        assertThat(StoredText.render(null, "an old English text", messages, Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("an old English text");
        assertThat(StoredText.render(null, null, messages, Locale.ENGLISH)).isNull();
        assertThat(StoredText.render(StoredText.of("no.such.code").toJson(), "ignored", messages, Locale.ENGLISH))
                .isEqualTo("no.such.code");
    }
}
