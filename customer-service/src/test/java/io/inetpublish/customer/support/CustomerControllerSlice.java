package io.inetpublish.customer.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.inetpublish.common.test.ControllerSliceTest;
import io.inetpublish.customer.compare.DriftOverview;
import io.inetpublish.customer.compare.VersionCompare;
import io.inetpublish.customer.component.ComponentCatalog;
import io.inetpublish.customer.customer.CustomerService;
import io.inetpublish.customer.customer.OwnerMigration;
import io.inetpublish.customer.dashboard.Dashboard;
import io.inetpublish.customer.envcomponent.EnvironmentComponentService;
import io.inetpublish.customer.environment.EnvironmentService;
import io.inetpublish.customer.impact.ImpactSearch;
import io.inetpublish.customer.oplog.OperationLogQuery;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * customer-service's controller slice: all its controllers, with every feature service they call mocked, in one
 * Spring context that every {@code *ControllerTest} of the service shares (one configuration, so the test context
 * cache starts it once). A test takes the mocks it needs with {@code @Autowired}; they are reset after each test.
 * A controller that calls something new adds it here, not in its test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ControllerSliceTest
@MockitoBean(types = {CustomerService.class, OwnerMigration.class, ComponentCatalog.class,
        EnvironmentService.class, EnvironmentComponentService.class, ImpactSearch.class, OperationLogQuery.class,
        VersionCompare.class, DriftOverview.class, Dashboard.class})
public @interface CustomerControllerSlice {
}
