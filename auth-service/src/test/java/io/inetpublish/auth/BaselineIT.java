package io.inetpublish.auth;

import io.inetpublish.auth.support.AuthIntegrationTest;
import io.inetpublish.common.test.ServiceBaselineContract;

@AuthIntegrationTest
class BaselineIT extends ServiceBaselineContract {
}
