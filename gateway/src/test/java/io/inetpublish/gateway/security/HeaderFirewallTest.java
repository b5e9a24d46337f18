package io.inetpublish.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/** The gateway's firewall refuses exactly the header and parameter characters Spring Security's strict one does. */
class HeaderFirewallTest {

    @Test
    void allowsAndRefusesEveryCodePointAsSpringSecurityDoes() {
        List<Integer> differ = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            String one = new String(Character.toChars(c));
            String inText = "ab" + one + "cd";
            if (HeaderFirewall.HEADER_VALUE.test(one) != StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(one)
                    || HeaderFirewall.HEADER_VALUE.test(inText) != StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(inText)
                    || HeaderFirewall.ASSIGNED_AND_NOT_CONTROL.test(one) != StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(one)
                    || HeaderFirewall.ASSIGNED_AND_NOT_CONTROL.test(inText) != StrictServerWebExchangeFirewall.ALLOWED_PARAMETER_NAMES.test(inText)) {
                differ.add(c);
            }
        }
        assertThat(differ).isEmpty();
    }

    @Test
    void decidesLikeSpringSecurityOnWholeHeaders() {
        String token = "Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1MSJ9.MEUCIQC-abc_def";
        assertThat(HeaderFirewall.HEADER_VALUE.test(null)).isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(null));
        assertThat(HeaderFirewall.ASSIGNED_AND_NOT_CONTROL.test(null)).isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(null));
        for (String value : List.of("", token, "a\tb", "a\nb", "a\rb", "a\u0000b", "a\u007fb", "a\u0085b", "中文 value",
                "\ud83d\ude00", "\ud83d", "x\ude00y", "a\u0378b", "tab\tand\u0001", "gzip, deflate, br")) {
            assertThat(HeaderFirewall.HEADER_VALUE.test(value)).as(value)
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(value));
            assertThat(HeaderFirewall.ASSIGNED_AND_NOT_CONTROL.test(value)).as(value)
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(value));
        }
    }
}
