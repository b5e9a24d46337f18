package io.inetpublish.notify;

import io.inetpublish.common.test.ServiceBaselineContract;

@NotifyIntegrationTest
class BaselineIT extends ServiceBaselineContract {
}
