package io.inetpublish.release.schedule;

/**
 * PLANNED, DONE and CANCELLED are stored; OVERDUE is what a PLANNED schedule shows once its planned time has passed
 * (computed when read, so it never lags behind the clock).
 */
public enum ScheduleStatus {
    PLANNED, OVERDUE, DONE, CANCELLED
}
