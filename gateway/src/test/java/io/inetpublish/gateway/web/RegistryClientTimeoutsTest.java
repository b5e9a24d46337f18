package io.inetpublish.gateway.web;

import io.inetpublish.common.test.RegistryClientChecks;
import org.junit.jupiter.api.Test;

/** The gateway's registry client settings (application.yml imports inetpublish-registry-client.yml). */
class RegistryClientTimeoutsTest {

    @Test
    void aHungRegistryPeerGivesWayWithinOneRenewalInterval() {
        RegistryClientChecks.aHungRegistryPeerGivesWayWithinOneRenewalInterval("classpath:/application.yml");
    }
}
