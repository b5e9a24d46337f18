package io.inetpublish.release;

import io.inetpublish.common.test.ServiceBaselineContract;

@ReleaseIntegrationTest
class BaselineIT extends ServiceBaselineContract {
}
