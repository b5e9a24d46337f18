package io.inetpublish.gateway.security;

import java.util.function.Predicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * Spring Security's strict firewall, as before, with its header and parameter checks written as loops instead of
 * regular expressions. The firewall checks a header's name and value every time something reads it, and the gateway
 * reads each header several times per request (its header filters copy them); the expressions over the 700-character
 * access token were ~2-4% of the gateway's CPU (docs/bench-gateway.md, 2026-12-04 evening). The same characters are
 * refused: {@code HeaderFirewallTest} compares both on every code point.
 */
@Configuration(proxyBeanMethods = false)
class HeaderFirewall {

    /** {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}: header and parameter names (parameter values are not checked) */
    static final Predicate<String> ASSIGNED_AND_NOT_CONTROL = value -> allowed(value, false);

    /** {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}: header values */
    static final Predicate<String> HEADER_VALUE = value -> allowed(value, true);

    @Bean
    ServerWebExchangeFirewall serverWebExchangeFirewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(ASSIGNED_AND_NOT_CONTROL);
        firewall.setAllowedHeaderValues(HEADER_VALUE);
        firewall.setAllowedParameterNames(ASSIGNED_AND_NOT_CONTROL);
        return firewall;
    }

    private static boolean allowed(String value, boolean tab) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            // printable ASCII: the common case, decided without a look-up
            if (c < 0x20 || c > 0x7e) {
                int type = Character.getType(c);
                if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && c == '\t'))) {
                    return false;
                }
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
