package io.inetpublish.release.deployment;

/** A customer deployment either brings the release's versions ({@code DEPLOY}) or undoes them ({@code ROLLBACK}). */
public enum DeploymentKind {
    DEPLOY, ROLLBACK
}
