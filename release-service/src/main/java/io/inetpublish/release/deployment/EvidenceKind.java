package io.inetpublish.release.deployment;

import java.util.Optional;

/**
 * The kinds of evidence file accepted, recognised from the first bytes of the content - never from the file name or
 * the type the browser declared.
 */
public enum EvidenceKind {
    PNG("image/png"),
    JPEG("image/jpeg"),
    WEBP("image/webp"),
    PDF("application/pdf"),
    ZIP("application/zip"),
    TEXT("text/plain");

    /** How many leading bytes {@link #sniff} looks at. */
    public static final int SNIFF_BYTES = 8192;

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    private final String contentType;

    EvidenceKind(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /**
     * The kind a file name claims by its extension ({@code .png}, {@code .jpg}, {@code .log}, ...), if it claims
     * one. Names without a known extension claim nothing.
     */
    public static Optional<EvidenceKind> claimedBy(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return switch (fileName.substring(dot + 1).toLowerCase(java.util.Locale.ROOT)) {
            case "png" -> Optional.of(PNG);
            case "jpg", "jpeg" -> Optional.of(JPEG);
            case "webp" -> Optional.of(WEBP);
            case "pdf" -> Optional.of(PDF);
            case "zip" -> Optional.of(ZIP);
            case "txt", "log" -> Optional.of(TEXT);
            default -> Optional.empty();
        };
    }

    /** The extension a person knows the kind by. */
    public String extension() {
        return switch (this) {
            case JPEG -> "jpeg";
            case TEXT -> "plain text/log";
            default -> name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /**
     * Recognises the kind from the head of a file.
     *
     * @param head the first bytes (up to {@link #SNIFF_BYTES}), {@code length} of them valid
     */
    public static Optional<EvidenceKind> sniff(byte[] head, int length) {
        if (startsWith(head, length, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (length >= 12 && ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) {
            return Optional.of(WEBP);
        }
        if (length >= 5 && ascii(head, 0, "%PDF-")) {
            return Optional.of(PDF);
        }
        if (length >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6) || (head[2] == 7 && head[3] == 8))) {
            return Optional.of(ZIP);
        }
        return isText(head, length) ? Optional.of(TEXT) : Optional.empty();
    }

    /**
     * Plain text or a log in any ASCII-compatible encoding (UTF-8, GBK, Latin-1): no NUL and no control characters
     * other than tab, line feed, form feed, carriage return, backspace and escape (colour codes in logs).
     */
    private static boolean isText(byte[] head, int length) {
        if (length == 0) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xFF;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\b' && b != 0x1B) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] head, int length, byte[] magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] head, int offset, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (head[offset + i] != (byte) text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
