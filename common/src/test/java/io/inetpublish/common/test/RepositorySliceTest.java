package io.inetpublish.common.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;

/**
 * A slice test of repositories alone ({@link DataJpaTest}): one query's answer against the service's real schema
 * (its Flyway migrations) on real PostgreSQL - the suite's database of {@link TestInfrastructure}, never an
 * in-memory stand-in - with JPA and the repositories, nothing else of the service. Each test runs in a transaction
 * that is rolled back, so rows it writes are seen by its queries and by no other test. For questions about a query
 * that do not need {@link ServiceIntegrationTest}'s whole service.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(TestInfrastructure.class)
public @interface RepositorySliceTest {
}
