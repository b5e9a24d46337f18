package io.inetpublish.common.observability;

/**
 * Gauges that read shared state (rows in the service's database, the depth of a queue every instance consumes from)
 * report the same value on every instance: with N instances a dashboard that adds them up shows N times the truth.
 * Their descriptions end with {@link #MARK}, which Prometheus serves as the metric's HELP text; the dashboard and the
 * alert rules take the {@code max} of such gauges, and {@code deploy/grafana/check_dashboard.py} fails on a
 * {@code sum} over any of them (its list is checked against this mark on a live Prometheus).
 */
public final class SharedGauges {

    /** Appended to the description of every gauge that reads shared state. */
    public static final String MARK = " (shared state: the same value on every instance; aggregate with max)";

    private SharedGauges() {
    }

    /** {@code description} marked as the description of a gauge that reads shared state. */
    public static String describe(String description) {
        return description + MARK;
    }
}
