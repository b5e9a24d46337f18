package io.inetpublish.build;

import io.inetpublish.common.test.ServiceBaselineContract;

@BuildServiceIntegrationTest
class BaselineIT extends ServiceBaselineContract {
}
