package io.inetpublish.build;

import io.inetpublish.common.test.ServiceBaselineContract;

@BuildServiceIntegrationTest
class BaselineIT extends ServiceBaselineContract {

    @Override
    protected String readPath() {
        return "/api/builds";
    }

    @Override
    protected String jsonEndpoint() {
        return "PUT /api/builds/settings";
    }
}
