package io.inetpublish.customer.envcomponent;

/** What moved an environment's component version. */
public enum Source {
    MANUAL, CUSTOMER_DEPLOYMENT, TEST_DEPLOYMENT, ROLLBACK
}
