package io.inetpublish.customer.component;

import static io.inetpublish.customer.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import io.inetpublish.common.security.Role;
import io.inetpublish.common.test.ServiceIntegrationTest;
import io.inetpublish.common.test.security.TestTokens;
import io.inetpublish.customer.support.CustomerItSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The mainline stays true: every change is history (from → to, when, who, how); a CI reports main-branch builds with
 * an integration token (scopes, no role) — forward only, the same version twice changes nothing.
 */
@ServiceIntegrationTest
class MainlineIT extends CustomerItSupport {

    /** What auth-service exchanges an integration token for: no roles, the granted scopes. */
    static RequestPostProcessor integration(String name, String scopes) {
        Instant now = Instant.now();
        return TestTokens.bearerToken(TestTokens.sign(new JWTClaimsSet.Builder().issuer(TestTokens.ISSUER)
                .audience(TestTokens.AUDIENCE).subject("integration:" + name).claim("name", name)
                .claim("scope", scopes).claim("sid", UUID.randomUUID().toString())
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300))).build()));
    }

    private MockMvcTester.MockMvcRequestBuilder report(String component, String version, String build) {
        return mvc.post().uri("/api/components/{name}/mainline/reports", component)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":\"" + version + "\",\"build\":\"" + build + "\",\"commit\":\"a1b2c3d\"}");
    }

    @Test
    void aCiReportMovesTheMainlineForwardOnlyAndTheSameVersionChangesNothing() {
        String name = fx.component("2.3.4");
        RequestPostProcessor ci = integration("jenkins-main", "mainline:report");

        assertThat(report(name, "2.3.5", "main#41").with(ci)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.changed", v -> v.assertThat().isEqualTo(true))
                .hasPathSatisfying("$.mainlineVersion", v -> v.assertThat().isEqualTo("2.3.5"));
        assertThat(report(name, "2.3.5", "main#42").with(ci)).hasStatusOk().bodyJson()
                .extractingPath("$.changed").isEqualTo(false);
        // 2.3.05 is the same version as 2.3.5
        assertThat(report(name, "2.3.05", "main#43").with(ci)).hasStatusOk().bodyJson()
                .extractingPath("$.changed").isEqualTo(false);
        assertThat(report(name, "2.3.4", "main#44").with(ci)).hasStatus(HttpStatus.CONFLICT).bodyJson()
                .hasPathSatisfying("$.type",
                        v -> v.assertThat().isEqualTo("https://inetpublish.io/problems/mainline-older"))
                .hasPathSatisfying("$.detail", v -> v.assertThat().asString().contains("2.3.4", "2.3.5"));

        assertThat(mvc.get().uri("/api/components/{name}", name)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.mainlineVersion", v -> v.assertThat().isEqualTo("2.3.5"))
                .hasPathSatisfying("$.mainlineSetBy.name", v -> v.assertThat().isEqualTo("jenkins-main"))
                // the integration that reported it, by its id as the history names it
                .hasPathSatisfying("$.mainlineSetBy.id", v -> v.assertThat().isEqualTo("integration:jenkins-main"));
        // history: the creation and the one real move, newest first, with the build that reported it
        assertThat(mvc.get().uri("/api/components/{name}/mainline/history", name)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.length()", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$[0].fromVersion", v -> v.assertThat().isEqualTo("2.3.4"))
                .hasPathSatisfying("$[0].toVersion", v -> v.assertThat().isEqualTo("2.3.5"))
                .hasPathSatisfying("$[0].source", v -> v.assertThat().isEqualTo("CI"))
                .hasPathSatisfying("$[0].build", v -> v.assertThat().isEqualTo("main#41"))
                .hasPathSatisfying("$[0].commit", v -> v.assertThat().isEqualTo("a1b2c3d"))
                .hasPathSatisfying("$[0].actor.name", v -> v.assertThat().isEqualTo("jenkins-main"))
                .hasPathSatisfying("$[1].source", v -> v.assertThat().isEqualTo("CREATE"))
                .hasPathSatisfying("$[1].toVersion", v -> v.assertThat().isEqualTo("2.3.4"));
    }

    @Test
    void aFirstReportSetsAMissingMainline() {
        String name = fx.component(null);
        assertThat(report(name, "0.1.0", "main#1").with(integration("ci", "mainline:report"))).hasStatusOk()
                .bodyJson().extractingPath("$.changed").isEqualTo(true);
    }

    @Test
    void aTokenReachesOnlyWhatItsScopeNames() {
        String name = fx.component("1.0.0");
        RequestPostProcessor reader = integration("catalog-reader", "components:read");
        RequestPostProcessor reporter = integration("ci", "mainline:report");

        assertThat(report(name, "1.1.0", "main#1").with(reader)).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/components/{name}", name).with(reader)).hasStatusOk();
        // a reporter reads nothing, changes nothing else; a machine token is no person
        assertThat(mvc.get().uri("/api/components/{name}", name).with(reporter)).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/customers").with(reporter)).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.put().uri("/api/components/{name}/mainline", name).with(reporter)
                .contentType(MediaType.APPLICATION_JSON).content("{\"version\":\"9.0\"}"))
                .hasStatus(HttpStatus.FORBIDDEN);
        // and a person's token, even an admin's, does not report builds (a person sets the mainline by hand)
        assertThat(report(name, "1.1.0", "main#1").with(TestTokens.bearer(Role.ADMIN)))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/components/{name}", name)).hasStatusOk().bodyJson()
                .extractingPath("$.mainlineVersion").isEqualTo("1.0.0");
    }

    @Test
    void badReportsAreRefusedNamingTheFieldAndUnknownOrRetiredComponentsTakeNone() {
        String name = fx.component("1.0.0");
        RequestPostProcessor ci = integration("ci", "mainline:report");
        assertThat(mvc.post().uri("/api/components/{name}/mainline/reports", name).with(ci)
                .contentType(MediaType.APPLICATION_JSON).content("{\"version\":\"1 .2\",\"build\":\"\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("version", "build");
        assertThat(report(unique("nope"), "1.0.0", "main#1").with(ci)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.post().uri("/api/components/{name}/retire", name)).hasStatusOk();
        assertThat(report(name, "1.2.0", "main#2").with(ci)).hasStatus(HttpStatus.CONFLICT);
        assertThat(mvc.get().uri("/api/components/{name}/mainline/history", name)).hasStatusOk().bodyJson()
                .extractingPath("$.length()").isEqualTo(1);
    }

    @Test
    void aPersonSetsTheMainlineByHandAndEveryChangeIsKept() {
        String name = fx.component(null);
        RequestPostProcessor support = TestTokens.bearer("ou_support", "王五", Role.SUPPORT);
        for (String version : new String[] {"1.0.0", "1.0.0", "0.9.0"}) {
            assertThat(mvc.put().uri("/api/components/{name}/mainline", name).with(support)
                    .contentType(MediaType.APPLICATION_JSON).content("{\"version\":\"" + version + "\"}"))
                    .hasStatusOk();
        }
        // set, unchanged, corrected back by hand
        assertThat(mvc.get().uri("/api/components/{name}/mainline/history", name)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.length()", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$[0].fromVersion", v -> v.assertThat().isEqualTo("1.0.0"))
                .hasPathSatisfying("$[0].toVersion", v -> v.assertThat().isEqualTo("0.9.0"))
                .hasPathSatisfying("$[0].source", v -> v.assertThat().isEqualTo("MANUAL"))
                .hasPathSatisfying("$[0].actor.name", v -> v.assertThat().isEqualTo("王五"))
                .hasPathSatisfying("$[1].fromVersion", v -> v.assertThat().isNull());
        assertThat(mvc.put().uri("/api/components/{name}/mainline", name)
                .with(TestTokens.bearer(Role.DEVELOPER)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":\"2.0.0\"}")).hasStatus(HttpStatus.FORBIDDEN);
    }
}
