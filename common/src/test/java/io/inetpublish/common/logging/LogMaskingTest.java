package io.inetpublish.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;

/**
 * The logging configuration every module runs with (common/src/main/logging/logback-spring.xml, copied into each
 * module's classes by the parent pom) masks a password in a URL: the Eureka client logs its service URL, credentials
 * included, every time the registry cannot be reached (issue 21).
 */
class LogMaskingTest {

    @Test
    void aPasswordInAUrlIsMaskedInMessagesAndStackTraces() throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            JoranConfigurator joran = new JoranConfigurator();
            joran.setContext(context);
            joran.doConfigure(Path.of("src/main/logging/logback-spring.xml").toFile());
            Logger log = context.getLogger("com.netflix.discovery.shared.transport.decorator.RedirectingEurekaHttpClient");
            // as the Eureka client logs it when the registry is down
            log.info("Request execution error. endpoint=DefaultEndpoint{ serviceUrl='http://eureka:s3cr3t-Pa55@"
                    + "discovery-0.discovery:8761/eureka/}, exception=java.net.ConnectException: Connection refused");
            log.warn("peer unreachable", new IllegalStateException("no answer from https://eureka:s3cr3t-Pa55@"
                    + "discovery-1.discovery:8761/eureka/apps/"));
            log.info("login page http://localhost:8089/login?next=a@b and mail to zhangsan@example.com");
        } finally {
            context.stop();
            System.setOut(console);
        }
        String logged = out.toString(StandardCharsets.UTF_8);
        assertThat(logged).doesNotContain("s3cr3t-Pa55")
                .contains("serviceUrl='http://eureka:****@discovery-0.discovery:8761/eureka/}",
                        "IllegalStateException: no answer from https://eureka:****@discovery-1.discovery:8761/eureka/apps/",
                        "INFO", "c.n.d.s.t.d.RedirectingEurekaHttpClient")
                // what has no password stays as it was
                .contains("login page http://localhost:8089/login?next=a@b and mail to zhangsan@example.com");
    }
}
