package io.inetpublish.common.test;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The WireMock server a service's suite stubs its outside systems on (another service, Jenkins, Feishu): one per
 * suite, kept in a static field of the suite's stub class so that every test context shares it, on a free port,
 * started here and stopped when the test JVM ends.
 */
public final class SuiteWireMock {

    private SuiteWireMock() {
    }

    /** A started server that answers nothing yet (404) until stubs are added. */
    public static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }
}
