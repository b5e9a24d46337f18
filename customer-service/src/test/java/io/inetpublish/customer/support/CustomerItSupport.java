package io.inetpublish.customer.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;

/**
 * What customer-service's ITs that work through the HTTP API share: MockMvc, the JSON mapper and {@link Fixtures}
 * made anew before each test (before the test class's own {@code @BeforeEach}, which may use it).
 */
public abstract class CustomerItSupport {

    @Autowired
    protected MockMvcTester mvc;

    @Autowired
    protected JsonMapper json;

    protected Fixtures fx;

    @BeforeEach
    void newFixtures() {
        fx = new Fixtures(mvc, json);
    }
}
