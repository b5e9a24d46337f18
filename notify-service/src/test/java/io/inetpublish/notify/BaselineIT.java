package io.inetpublish.notify;

import io.inetpublish.common.test.ServiceBaselineContract;

@NotifyIntegrationTest
class BaselineIT extends ServiceBaselineContract {

    @Override
    protected String readPath() {
        return "/api/notifications";
    }

    @Override
    protected String jsonEndpoint() {
        return "PUT /api/notifications/settings";
    }
}
