package io.inetpublish.build.build;

/** What a Jenkins build does for a release record: deploy to an internal test environment, or package it. */
public enum BuildType {
    TEST_DEPLOY, PACKAGE
}
