package io.inetpublish.common.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.inetpublish.common.i18n.Messages;
import org.springframework.context.MessageSourceResolvable;

/**
 * The one rule for where the platform may send requests to outside systems (Jenkins, Feishu): the hosts the operator
 * allows, never the platform's own addresses, and URLs without tricks.
 *
 * <p>A host is allowed when an entry of {@code INETPUBLISH_INTEGRATION_HOSTS} names it ({@code host}: any port,
 * {@code host:port}: that port, {@code *.example.com}: its subdomains, any port) or when it is the host and port of an
 * integration URL the operator configured for the service ({@code JENKINS_URL}, {@code FEISHU_API_BASE_URL},
 * {@code LARK_BASE_URL}). A host allowed by name must not resolve to a loopback, link-local, wildcard or multicast
 * address (a DNS answer cannot turn an allowed name into the machine itself or a cloud metadata address); such
 * addresses are usable only when the operator lists them as they are ({@code 127.0.0.1:8089}, {@code localhost:8089}).
 * The platform's own addresses (Eureka, the database, the broker, this service's ports and every instance Eureka
 * knows) are refused even when an entry would allow them.
 *
 * <p>An integration URL is {@code http} or {@code https} with a host, no user info, no fragment, no backslash, blank or
 * control character and no dot segments; a base URL carries no query either.
 */
public final class IntegrationHosts {

    /**
     * Why a URL may not be used: a message of the catalogue ({@code integration-url.*} in common-messages, read in
     * the reader's language with {@link io.inetpublish.common.i18n.Messages}); it names the setting that would allow
     * it. The exception's own message is the code with its arguments (for logs).
     */
    public static final class RefusedException extends RuntimeException {

        private final transient MessageSourceResolvable reason;

        RefusedException(String code, Object... args) {
            super(code + (args.length == 0 ? "" : " " + java.util.Arrays.toString(args)));
            this.reason = Messages.of(code, args);
        }

        /** Why, as a message to be read in the reader's language. */
        public MessageSourceResolvable reason() {
            return reason;
        }
    }

    /** Host and port, host lower-case without brackets or trailing dot. */
    public record HostPort(String host, int port) {

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private record Entry(String host, int port, boolean subdomains, boolean literal) {

        boolean matches(HostPort target) {
            if (port != -1 && port != target.port()) {
                return false;
            }
            return subdomains ? target.host().endsWith("." + host) : target.host().equals(host);
        }
    }

    /** Resolves a host name; replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Pattern FORBIDDEN_CHARS = Pattern.compile("[\\s\\\\\\p{Cntrl}]");
    private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)(\\.|%2e){1,2}(/|$)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENCODED_SEPARATOR = Pattern.compile("%(2f|5c|00)", Pattern.CASE_INSENSITIVE);

    private final List<Entry> entries;
    private final String allowedSetting;
    private final Supplier<Collection<HostPort>> platform;
    private final Resolver resolver;

    /**
     * @param allowed         entries of {@code INETPUBLISH_INTEGRATION_HOSTS}
     * @param configuredUrls  integration URLs the operator configured for this service (their host:port is allowed)
     * @param platform        the platform's own addresses, asked at every check (Eureka's registry changes)
     * @param resolver        DNS
     * @throws IllegalArgumentException an entry or a configured URL is malformed, naming it
     */
    public IntegrationHosts(Collection<String> allowed, Collection<String> configuredUrls,
            Supplier<Collection<HostPort>> platform, Resolver resolver) {
        List<Entry> parsed = new ArrayList<>();
        for (String raw : allowed) {
            if (raw != null && !raw.isBlank()) {
                parsed.add(entry(raw.strip()));
            }
        }
        for (String url : configuredUrls) {
            if (url == null || url.isBlank()) {
                continue;
            }
            URI uri;
            try {
                uri = parse(url, false);
            } catch (RefusedException ex) {
                throw new IllegalArgumentException("configured integration URL '" + url + "' is refused: "
                        + ex.getMessage());
            }
            HostPort target = hostPort(uri);
            parsed.add(new Entry(target.host(), target.port(), false, true));
        }
        this.entries = List.copyOf(parsed);
        this.allowedSetting = "INETPUBLISH_INTEGRATION_HOSTS";
        this.platform = platform;
        this.resolver = resolver;
    }

    /**
     * Checks a base URL an admin typed (Jenkins' address, a webhook): its shape and its host, without resolving it.
     *
     * @return null when acceptable, else why not (a message for the field, in the reader's language)
     */
    public MessageSourceResolvable problemWithBaseUrl(String url) {
        try {
            URI uri = parse(url, false);
            HostPort target = hostPort(uri);
            if (allowingEntry(target) == null) {
                return Messages.of("integration-url.host-not-allowed", allowedSetting, target.toString());
            }
            refusePlatform(target, null);
            return null;
        } catch (RefusedException ex) {
            return ex.reason();
        }
    }

    /**
     * Checks a request about to be sent: shape, allowed host, not the platform, and what the name resolves to now.
     *
     * @throws RefusedException when it must not be sent
     */
    public URI requireAllowed(URI uri) {
        URI checked = parse(uri.toString(), true);
        HostPort target = hostPort(checked);
        Entry entry = allowingEntry(target);
        if (entry == null) {
            throw new RefusedException("integration-url.not-an-allowed-host", target.toString(), allowedSetting);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(target.host());
        } catch (UnknownHostException ex) {
            // nothing to connect to: the request fails as unreachable on its own
            return checked;
        }
        if (!entry.literal()) {
            for (InetAddress address : addresses) {
                if (internal(address)) {
                    throw new RefusedException("integration-url.resolves-internal", target.host(),
                            address.getHostAddress(), allowedSetting);
                }
            }
        }
        refusePlatform(target, addresses);
        return checked;
    }

    /**
     * {@link #requireAllowed} for a request that must stay below a configured base URL (Jenkins): the base URL passes
     * the base-URL rule and the request has its scheme, host and port and a path below its path.
     *
     * @throws RefusedException when it must not be sent
     */
    public URI requireAllowedUnder(String baseUrl, URI uri) {
        URI base = parse(baseUrl, false);
        URI checked = requireAllowed(uri);
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        while (basePath.endsWith("/")) {
            basePath = basePath.substring(0, basePath.length() - 1);
        }
        String path = checked.getRawPath() == null ? "" : checked.getRawPath();
        if (!hostPort(base).equals(hostPort(checked)) || !base.getScheme().equalsIgnoreCase(checked.getScheme())
                || !path.startsWith(basePath + "/")) {
            throw new RefusedException("integration-url.leaves-base", baseUrl);
        }
        return checked;
    }

    /** Scheme, host and port of a URL as compared here, or null for a malformed one. */
    public static HostPort originOf(String url) {
        try {
            return hostPort(parse(url, true));
        } catch (RefusedException ex) {
            return null;
        }
    }

    /**
     * Parses a URL strictly. {@code query} allows a query (requests carry one; base URLs never).
     */
    static URI parse(String url, boolean query) {
        if (url == null || url.isEmpty()) {
            throw new RefusedException("integration-url.not-http");
        }
        if (FORBIDDEN_CHARS.matcher(url).find()) {
            throw new RefusedException("integration-url.forbidden-chars");
        }
        if (url.indexOf('#') >= 0) {
            throw new RefusedException("integration-url.fragment");
        }
        if (!query && url.indexOf('?') >= 0) {
            throw new RefusedException("integration-url.query");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException ex) {
            throw new RefusedException("integration-url.invalid");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new RefusedException("integration-url.not-http");
        }
        if (uri.getRawAuthority() == null || uri.getRawAuthority().indexOf('@') >= 0 || uri.getRawUserInfo() != null) {
            throw new RefusedException("integration-url.user-info");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new RefusedException("integration-url.host-missing");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new RefusedException("integration-url.port-invalid");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (DOT_SEGMENT.matcher(path).find() || ENCODED_SEPARATOR.matcher(path).find()) {
            throw new RefusedException("integration-url.dot-segments");
        }
        return uri;
    }

    static HostPort hostPort(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return new HostPort(host, port);
    }

    private Entry allowingEntry(HostPort target) {
        for (Entry entry : entries) {
            if (entry.matches(target)) {
                return entry;
            }
        }
        return null;
    }

    private void refusePlatform(HostPort target, InetAddress[] targetAddresses) {
        for (HostPort own : platform.get()) {
            if (own.port() != target.port()) {
                continue;
            }
            if (own.host().equals(target.host()) || sameMachine(own.host(), target.host())
                    || targetAddresses != null && resolvesToAnyOf(own.host(), targetAddresses)) {
                throw new RefusedException("integration-url.platform-address", target.toString());
            }
        }
    }

    private static boolean sameMachine(String a, String b) {
        return isLoopbackName(a) && isLoopbackName(b);
    }

    private static boolean isLoopbackName(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                || host.equals("::1") || host.equals("0.0.0.0") || host.equals("::");
    }

    private boolean resolvesToAnyOf(String host, InetAddress[] targetAddresses) {
        try {
            for (InetAddress own : resolver.resolve(host)) {
                for (InetAddress address : targetAddresses) {
                    if (own.equals(address) || internal(own) && internal(address)) {
                        return true;
                    }
                }
            }
        } catch (UnknownHostException ex) {
            return false;
        }
        return false;
    }

    /** Loopback, link-local (incl. 169.254.169.254), wildcard or multicast, also inside an IPv4-mapped IPv6 address. */
    static boolean internal(InetAddress address) {
        InetAddress a = address;
        if (a instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    a = Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException ex) {
                    return true;
                }
            }
        }
        return a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress();
    }

    private static Entry entry(String raw) {
        String value = raw.toLowerCase(Locale.ROOT);
        if (value.contains("/") || value.contains("@") || value.contains("?") || value.contains("#")) {
            throw new IllegalArgumentException("INETPUBLISH_INTEGRATION_HOSTS entry '" + raw
                    + "' must be host, host:port or *.domain (no scheme or path)");
        }
        boolean subdomains = value.startsWith("*.");
        if (subdomains) {
            value = value.substring(2);
        }
        String host = value;
        int port = -1;
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("INETPUBLISH_INTEGRATION_HOSTS entry '" + raw + "' is malformed");
            }
            host = value.substring(1, end);
            if (value.length() > end + 1) {
                port = port(raw, value.substring(end + 1));
            }
        } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            host = value.substring(0, value.indexOf(':'));
            port = port(raw, value.substring(value.indexOf(':')));
        }
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || subdomains && host.indexOf('.') < 0) {
            throw new IllegalArgumentException("INETPUBLISH_INTEGRATION_HOSTS entry '" + raw + "' is malformed");
        }
        boolean literal = !subdomains && (isLoopbackName(host) || host.indexOf(':') >= 0
                || host.matches("[0-9.]+"));
        return new Entry(host, port, subdomains, literal);
    }

    private static int port(String raw, String colonPort) {
        try {
            int port = Integer.parseInt(colonPort.substring(1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("INETPUBLISH_INTEGRATION_HOSTS entry '" + raw + "' has an invalid port");
        }
    }
}
