package io.inetpublish.notify;

import io.inetpublish.common.test.ServiceBaselineContract;
import io.inetpublish.common.test.ServiceIntegrationTest;

@ServiceIntegrationTest
class BaselineIT extends ServiceBaselineContract {
}
