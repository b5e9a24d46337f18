package io.inetpublish.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void blankToNullStripsTextAndDropsWhatIsBlank() {
        assertThat(Texts.blankToNull(null)).isNull();
        assertThat(Texts.blankToNull("")).isNull();
        assertThat(Texts.blankToNull(" \t\n\u3000")).isNull();
        assertThat(Texts.blankToNull("  发布说明 \n")).isEqualTo("发布说明");
        assertThat(Texts.blankToNull("a b")).isEqualTo("a b");
    }

    @Test
    void likeMatchesTheTextAsTypedLowerCased() {
        assertThat(Like.containing("  Acme ")).isEqualTo("%acme%");
        assertThat(Like.containing("100%_done\\x")).isEqualTo("%100\\%\\_done\\\\x%");
        assertThat(Like.containing(null)).isEqualTo("%%");
        assertThat(Like.containing(" ")).isEqualTo("%%");
    }
}
