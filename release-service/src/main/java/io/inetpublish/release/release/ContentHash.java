package io.inetpublish.release.release;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import io.inetpublish.common.event.ComponentVersion;

/**
 * What a build of a release record built: SHA-256 over its component versions ({@code component=version}, one a line,
 * sorted by component, so the order of the items does not matter). A test deployment or package whose hash is not
 * the record's current one was built from an earlier content of the record: it is outdated (已过期).
 */
public final class ContentHash {

    private ContentHash() {
    }

    /** The hash of these component versions; null when there are none (an event that did not say what it built). */
    public static String of(List<ComponentVersion> items) {
        if (items == null || items.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        items.stream().sorted(Comparator.comparing(ComponentVersion::component))
                .forEach(i -> text.append(i.component()).append('=').append(i.version()).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Whether something built with {@code built} is outdated against {@code current}; unknown (null) is not. */
    public static boolean outdated(String built, String current) {
        return built != null && current != null && !built.equals(current);
    }
}
