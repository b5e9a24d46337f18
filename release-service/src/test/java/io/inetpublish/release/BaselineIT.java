package io.inetpublish.release;

import io.inetpublish.common.test.ServiceBaselineContract;

@ReleaseIntegrationTest
class BaselineIT extends ServiceBaselineContract {

    @Override
    protected String readPath() {
        return "/api/releases";
    }

    @Override
    protected String jsonEndpoint() {
        return "POST /api/releases";
    }
}
