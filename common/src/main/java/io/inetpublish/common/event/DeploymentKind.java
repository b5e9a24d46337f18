package io.inetpublish.common.event;

/**
 * A customer deployment either brings the release's versions ({@code DEPLOY}) or undoes them ({@code ROLLBACK}).
 * The names are the values on the wire ({@code release.deployed}) and in release-service's table.
 */
public enum DeploymentKind {
    DEPLOY, ROLLBACK;

    /** The source of the versions sync this kind of deployment causes. */
    public SyncSource syncSource() {
        return this == ROLLBACK ? SyncSource.ROLLBACK : SyncSource.CUSTOMER_DEPLOYMENT;
    }
}
