package io.inetpublish.notify.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.inetpublish.common.i18n.Messages;
import io.inetpublish.common.net.IntegrationHosts;
import io.inetpublish.notify.config.FeishuProperties;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.stereotype.Component;

/**
 * Accepts only custom bot webhooks on the configured Feishu and Lark hosts ({@code <base>/open-apis/bot/v2/hook/
 * <token>}). Scheme, host and port are compared exactly, so look-alike hosts and redirects through user info are
 * refused; the platform never posts to an arbitrary URL an admin (or an attacker with the admin's session) typed.
 * The host must also pass the platform's integration-host rule (common {@code IntegrationHosts}).
 */
@Component
class WebhookUrlPolicy {

    private static final String HOOK_PATH = "/open-apis/bot/v2/hook/";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    private final List<URI> bases;
    private final IntegrationHosts hosts;

    WebhookUrlPolicy(FeishuProperties feishu, IntegrationHosts hosts) {
        this.bases = List.of(feishu.baseUrl(), feishu.larkBaseUrl());
        this.hosts = hosts;
    }

    /** Null when acceptable, else why not (a message for the field, in the reader's language). */
    MessageSourceResolvable problem(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException ex) {
            return Messages.of("integration-url.invalid");
        }
        if (!uri.isAbsolute() || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getHost() == null) {
            return expected();
        }
        for (URI base : bases) {
            if (sameOrigin(base, uri)) {
                String prefix = stripTrailingSlash(base.getRawPath()) + HOOK_PATH;
                String path = uri.getRawPath();
                if (path != null && path.startsWith(prefix) && TOKEN.matcher(path.substring(prefix.length()))
                        .matches()) {
                    // and the rule every integration URL follows (allowed host, never the platform's own address)
                    return hosts.problemWithBaseUrl(url.strip());
                }
            }
        }
        return expected();
    }

    private MessageSourceResolvable expected() {
        return Messages.of("settings.webhook-expected", bases.stream()
                .map(b -> stripTrailingSlash(b.toString()) + HOOK_PATH + "…").reduce((a, b) -> a + " | " + b)
                .orElseThrow());
    }

    private static boolean sameOrigin(URI base, URI uri) {
        return base.getScheme().equalsIgnoreCase(uri.getScheme())
                && base.getHost().toLowerCase(Locale.ROOT).equals(uri.getHost().toLowerCase(Locale.ROOT))
                && port(base) == port(uri);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String stripTrailingSlash(String path) {
        if (path == null) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
