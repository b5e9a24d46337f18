package io.inetpublish.common.test;

import java.util.List;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * A change a suite makes to every one of its test contexts, registered as a {@link ContextCustomizerFactory} in the
 * suite's {@code META-INF/spring.factories}. The factory is its own customizer, and every instance of a subclass equals
 * every other: Spring's test context cache then sees the same configuration in every test class and keeps sharing one
 * context across the suite.
 */
public abstract class EveryTestContext implements ContextCustomizerFactory, ContextCustomizer {

    @Override
    public final ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return this;
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
