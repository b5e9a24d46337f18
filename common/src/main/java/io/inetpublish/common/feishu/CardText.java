package io.inetpublish.common.feishu;

/**
 * Text from people or other systems inside a Feishu card's {@code lark_md}: every character Feishu's card Markdown
 * gives a meaning (links {@code [..](..)}, {@code <a>}/{@code <at>}/{@code <font>} tags, emphasis, code, bare
 * {@code http://} links, emoji {@code :key:}) becomes an HTML numeric entity, which Feishu shows as the character
 * itself (docs/feishu-card-text.md). notify-service's cards and release-service's updated approval cards use it.
 */
public final class CardText {

    private CardText() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<', '>', '[', ']', '(', ')', '*', '_', '~', '`', '\\', '#', '$', '!', ':', '/', '|', '{', '}',
                        '"', '\'', '+' -> out.append("&#").append((int) c).append(';');
                case '\r' -> {
                    // a line break is \n; a lone \r adds nothing
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
