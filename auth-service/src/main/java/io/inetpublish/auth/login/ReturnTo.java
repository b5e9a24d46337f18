package io.inetpublish.auth.login;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the browser may go after login: a path of this platform only. Anything else ({@code //evil.example},
 * {@code https://…}, {@code /\evil}, backslashes, control characters, their percent-encoded forms, or a path back into
 * the login itself) becomes the home page, so the login can never be used as an open redirect.
 */
final class ReturnTo {

    static final String HOME = "/";
    private static final int MAX_LENGTH = 1000;
    private static final int DECODE_ROUNDS = 3;

    private ReturnTo() {
    }

    static String sanitize(String requested) {
        if (requested == null || requested.isEmpty() || requested.length() > MAX_LENGTH) {
            return HOME;
        }
        String candidate = requested;
        for (int round = 0; round <= DECODE_ROUNDS; round++) {
            if (!isLocalPath(candidate)) {
                return HOME;
            }
            String decoded;
            try {
                decoded = URLDecoder.decode(candidate, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException ex) {
                return HOME;
            }
            if (decoded.equals(candidate)) {
                return isIntoLogin(candidate) ? HOME : requested;
            }
            candidate = decoded;
        }
        return HOME; // still changing after several decodings: nobody legitimate sends that
    }

    private static boolean isLocalPath(String value) {
        if (!value.startsWith("/") || value.startsWith("//")) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || Character.isISOControl(c) || Character.isWhitespace(c)) {
                return false;
            }
        }
        try {
            URI uri = new URI(value);
            return uri.getScheme() == null && uri.getRawAuthority() == null;
        } catch (URISyntaxException ex) {
            return false;
        }
    }

    private static boolean isIntoLogin(String path) {
        return path.startsWith("/api/auth/");
    }
}
