package io.inetpublish.common.event;

import java.util.UUID;

/**
 * {@code customer.archived}: customer-service archived a customer (its environments stay, read-only history). The
 * rollouts of release-service skip the targets still planned at its environments.
 */
public record CustomerArchived(int schemaVersion, UUID customerId, String customerName) {

    public static final int SCHEMA_VERSION = 1;
}
