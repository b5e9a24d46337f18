package io.inetpublish.notify.notification;

public enum Channel {
    /** app bot message to a person's open_id ({@code im/v1/messages}) */
    USER,
    /** custom group bot webhook */
    GROUP
}
