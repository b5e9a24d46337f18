package io.inetpublish.customer.component;

/** How a mainline version was set: by a person by hand, by a CI report of a main-branch build, with the component. */
public enum MainlineSource {
    MANUAL, CI, CREATE
}
