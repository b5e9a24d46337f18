package io.inetpublish.auth.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * Who a login or refresh comes from. The gateway sends the client's address it determined itself (its peer, or the
 * address its trusted proxies reported) in {@value #CLIENT_HEADER}, after removing whatever a client sent in that
 * header. This service believes that header only from the gateways configured in {@code AUTH_TRUSTED_GATEWAYS}
 * (addresses, CIDR ranges or host names, resolved again every minute); from anyone else, a call directly on this
 * service's port for instance, the client is the peer address, and no {@code X-Forwarded-For} is read at all.
 */
@Component
@Slf4j
public class TrustedGateways {

    public static final String CLIENT_HEADER = "X-InetPublish-Client";

    private final List<String> configured;
    private volatile List<IpAddressMatcher> matchers = List.of();

    TrustedGateways(@Value("${inetpublish.auth.trusted-gateways:}") List<String> configured) {
        this.configured = configured.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        resolve();
    }

    /** Host names (a compose service name) may move to another address; CIDRs and addresses stay as they are. */
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void resolve() {
        List<IpAddressMatcher> resolved = new ArrayList<>();
        for (String entry : configured) {
            if (entry.contains("/") || entry.contains(":") || entry.matches("[0-9.]+")) {
                resolved.add(new IpAddressMatcher(entry));
                continue;
            }
            try {
                for (InetAddress address : InetAddress.getAllByName(entry)) {
                    resolved.add(new IpAddressMatcher(address.getHostAddress()));
                }
            } catch (UnknownHostException ex) {
                log.warn("Trusted gateway {} does not resolve (yet): {}", entry, ex.getMessage());
            }
        }
        matchers = List.copyOf(resolved);
    }

    boolean trusts(String address) {
        if (address == null) {
            return false;
        }
        for (IpAddressMatcher matcher : matchers) {
            if (matcher.matches(address)) {
                return true;
            }
        }
        return false;
    }

    /** The client a call counts for: the gateway's word when it comes from a trusted gateway, else the peer. */
    public String client(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        String told = request.getHeader(CLIENT_HEADER);
        if (told != null && !told.isBlank() && trusts(peer)) {
            return told.trim().toLowerCase(Locale.ROOT);
        }
        return peer;
    }
}
