package io.inetpublish.common.discovery;

import io.inetpublish.common.test.RegistryClientChecks;
import org.junit.jupiter.api.Test;

/** The services' registry client settings (inetpublish-defaults.yml imports inetpublish-registry-client.yml). */
class RegistryClientTimeoutsTest {

    @Test
    void aHungRegistryPeerGivesWayWithinOneRenewalInterval() {
        RegistryClientChecks.aHungRegistryPeerGivesWayWithinOneRenewalInterval("classpath:/inetpublish-defaults.yml");
    }
}
