package io.inetpublish.customer.envcomponent;

import io.inetpublish.common.event.SyncSource;

/**
 * What moved an environment's component version: a person ({@code MANUAL}) or one of the version syncs
 * ({@link SyncSource}, the same names).
 */
public enum Source {
    MANUAL, CUSTOMER_DEPLOYMENT, TEST_DEPLOYMENT, ROLLBACK;

    public static Source of(SyncSource sync) {
        return switch (sync) {
            case CUSTOMER_DEPLOYMENT -> CUSTOMER_DEPLOYMENT;
            case TEST_DEPLOYMENT -> TEST_DEPLOYMENT;
            case ROLLBACK -> ROLLBACK;
        };
    }
}
