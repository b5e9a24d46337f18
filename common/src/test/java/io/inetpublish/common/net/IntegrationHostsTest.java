package io.inetpublish.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.inetpublish.common.i18n.Messages;
import io.inetpublish.common.i18n.MessagesAutoConfiguration;
import io.inetpublish.common.net.IntegrationHosts.HostPort;
import io.inetpublish.common.net.IntegrationHosts.RefusedException;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSourceResolvable;

class IntegrationHostsTest {

    /** A DNS under the test's control: names map to fixed addresses, IP literals to themselves. */
    private static final Map<String, String> DNS = Map.of(
            "jenkins.corp.example", "10.1.2.3",
            "rebound.corp.example", "127.0.0.1",
            "metadata.corp.example", "169.254.169.254",
            "mapped.corp.example", "::ffff:127.0.0.1",
            "ci.build.example", "10.9.9.9",
            "localhost", "127.0.0.1",
            "open.feishu.cn", "203.0.113.10");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String address = DNS.getOrDefault(host, host);
        if (!address.matches("[0-9.]+|[0-9a-f:.]+")) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(address)};
    }

    private final IntegrationHosts hosts = new IntegrationHosts(
            List.of("jenkins.corp.example", "rebound.corp.example", "metadata.corp.example", "mapped.corp.example",
                    "*.build.example", "localhost:8089", "127.0.0.1"),
            List.of("https://open.feishu.cn"),
            () -> Set.of(new HostPort("127.0.0.1", 8761), new HostPort("127.0.0.1", 5432)),
            IntegrationHostsTest::resolve);

    private static final Messages TEXTS = new Messages(MessagesAutoConfiguration.catalogue());

    private static String zh(MessageSourceResolvable reason) {
        return reason == null ? null : TEXTS.text(Locale.SIMPLIFIED_CHINESE, reason);
    }

    private static String en(MessageSourceResolvable reason) {
        return reason == null ? null : TEXTS.text(Locale.ENGLISH, reason);
    }

    @Test
    void saysWhyInTheReadersLanguage() {
        assertThat(zh(hosts.problemWithBaseUrl("https://build.example")))
                .isEqualTo("必须在运维允许的集成主机（INETPUBLISH_INTEGRATION_HOSTS）上；build.example:443 不在其中");
        assertThat(en(hosts.problemWithBaseUrl("https://build.example"))).isEqualTo(
                "must be on an integration host the operator allows (INETPUBLISH_INTEGRATION_HOSTS); build.example:443"
                        + " is not among them");
        assertThat(en(hosts.problemWithBaseUrl("http://127.0.0.1:8761/eureka")))
                .isEqualTo("127.0.0.1:8761 is one of the platform's own addresses and cannot be an integration address");
        assertThat(en(hosts.problemWithBaseUrl("http://jenkins.corp.example/#"))).isEqualTo(
                "must not contain a fragment (#)");
        assertThatThrownBy(() -> hosts.requireAllowed(URI.create("http://rebound.corp.example/job/x")))
                .satisfies(ex -> assertThat(en(((RefusedException) ex).reason()))
                        .startsWith("rebound.corp.example resolves to 127.").contains("INETPUBLISH_INTEGRATION_HOSTS"));
    }

    @Test
    void allowsListedHostsAndTheConfiguredUrlsHostOnly() {
        assertThat(hosts.problemWithBaseUrl("http://jenkins.corp.example:8080/jenkins")).isNull();
        assertThat(hosts.problemWithBaseUrl("https://ci.build.example")).isNull();
        assertThat(hosts.problemWithBaseUrl("http://localhost:8089/jenkins")).isNull();
        assertThat(hosts.problemWithBaseUrl("https://open.feishu.cn/open-apis/bot/v2/hook/abc")).isNull();

        assertThat(zh(hosts.problemWithBaseUrl("https://build.example"))).contains("INETPUBLISH_INTEGRATION_HOSTS");
        assertThat(zh(hosts.problemWithBaseUrl("http://open.feishu.cn/"))).contains("open.feishu.cn:80");
        assertThat(zh(hosts.problemWithBaseUrl("http://localhost:18999/"))).contains("localhost:18999");
        assertThat(hosts.problemWithBaseUrl("http://jenkins.corp.example.evil.example/")).isNotNull();
        assertThat(hosts.problemWithBaseUrl("http://169.254.169.254/latest/meta-data")).isNotNull();
    }

    @Test
    void refusesFragmentsUserInfoQueriesDotSegmentsAndOddCharacters() {
        for (String url : List.of("http://jenkins.corp.example/#", "http://jenkins.corp.example/jenkins#x",
                "http://user@jenkins.corp.example/", "http://jenkins.corp.example@127.0.0.1:8761/",
                "http://jenkins.corp.example/?a=1", "http://jenkins.corp.example/a/../b",
                "http://jenkins.corp.example/a/%2e%2e/b", "http://jenkins.corp.example/a%2fb",
                "http://jenkins.corp.example\\@evil/", "http://jenkins.corp.example/ a", "ftp://jenkins.corp.example/",
                "jenkins.corp.example", "http:///x", "http://jenkins.corp.example:0/")) {
            assertThat(hosts.problemWithBaseUrl(url)).as(url).isNotNull();
        }
    }

    @Test
    void aNameThatResolvesToLoopbackOrLinkLocalIsRefusedWhenARequestLeaves() {
        assertThat(hosts.requireAllowed(URI.create("http://jenkins.corp.example/job/x/api/json"))).isNotNull();
        for (String host : List.of("rebound.corp.example", "metadata.corp.example", "mapped.corp.example")) {
            // the settings cannot know what the name will resolve to; the request is checked when it leaves
            assertThat(hosts.problemWithBaseUrl("http://" + host + "/")).as(host).isNull();
            assertThatThrownBy(() -> hosts.requireAllowed(URI.create("http://" + host + "/job/x/api/json")))
                    .as(host).isInstanceOf(RefusedException.class)
                    .satisfies(ex -> assertThat(zh(((RefusedException) ex).reason())).contains("解析为"));
        }
        // loopback is usable where the operator lists it as it is
        assertThat(hosts.requireAllowed(URI.create("http://localhost:8089/jenkins/job/x/api/json"))).isNotNull();
        assertThat(hosts.requireAllowed(URI.create("http://127.0.0.1:9/x"))).isNotNull();
    }

    @Test
    void thePlatformsOwnAddressesAreRefusedEvenWhenAnEntryAllowsTheHost() {
        assertThat(zh(hosts.problemWithBaseUrl("http://127.0.0.1:8761/eureka"))).contains("平台自身");
        assertThatThrownBy(() -> hosts.requireAllowed(URI.create("http://127.0.0.1:5432/")))
                .isInstanceOf(RefusedException.class)
                .satisfies(ex -> assertThat(zh(((RefusedException) ex).reason())).contains("平台自身"));
        IntegrationHosts byName = new IntegrationHosts(List.of("localhost"), List.of(),
                () -> Set.of(new HostPort("127.0.0.1", 8761)), IntegrationHostsTest::resolve);
        assertThatThrownBy(() -> byName.requireAllowed(URI.create("http://localhost:8761/eureka/apps")))
                .isInstanceOf(RefusedException.class)
                .satisfies(ex -> assertThat(zh(((RefusedException) ex).reason())).contains("平台自身"));
        assertThat(byName.requireAllowed(URI.create("http://localhost:8089/jenkins"))).isNotNull();
    }

    @Test
    void aRequestMustNotCarryAFragmentOrUserInfoEither() {
        assertThatThrownBy(() -> hosts.requireAllowed(URI.create("http://jenkins.corp.example/eureka/apps#/job/x")))
                .isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> hosts.requireAllowed(URI.create("http://a:b@jenkins.corp.example/job/x")))
                .isInstanceOf(RefusedException.class);
        assertThat(hosts.requireAllowed(URI.create("http://jenkins.corp.example/job/x/api/json?tree=builds")))
                .isNotNull();
    }

    @Test
    void malformedSettingsStopTheServiceNamingThem() {
        assertThatThrownBy(() -> new IntegrationHosts(List.of("http://jenkins.corp.example/"), List.of(), Set::of,
                IntegrationHostsTest::resolve)).hasMessageContaining("INETPUBLISH_INTEGRATION_HOSTS entry");
        assertThatThrownBy(() -> new IntegrationHosts(List.of(), List.of("http://x.example/#"), Set::of,
                IntegrationHostsTest::resolve)).hasMessageContaining("configured integration URL");
    }
}
