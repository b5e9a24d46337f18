package io.inetpublish.customer.environment;

/** Kind of installation: a test system, a production system, or anything else. */
public enum EnvironmentType {
    TEST, PROD, OTHER
}
