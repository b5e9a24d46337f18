package io.inetpublish.notify.notification;

/** Why a recipient gets a message. */
public enum RecipientRole {
    /** the person who did it (the event's actor) */
    ACTOR,
    SCHEDULE_OWNER,
    CUSTOMER_OWNER,
    /** a person who may approve a customer deployment */
    APPROVER,
    /** the person who asked for an approval */
    REQUESTER,
    /** a group bot subscribed to the event type */
    GROUP
}
