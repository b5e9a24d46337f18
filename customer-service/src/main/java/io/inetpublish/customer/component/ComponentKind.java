package io.inetpublish.customer.component;

/** What a component is (组件类型): a service, a front end, a template, a configuration, or something else. */
public enum ComponentKind {
    SERVICE, FRONTEND, TEMPLATE, CONFIGURATION, OTHER
}
