package io.inetpublish.common.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the relay at the commit of every outbox row, whoever wrote it: another instance of the service, another
 * process, a person with psql. {@code outbox_event}'s trigger (common migration V40_9) sends {@code NOTIFY
 * outbox_event} once per inserting statement, delivered at the commit; this thread ({@code outbox-listener}) holds a
 * connection of its own (not one of the pool's) that {@code LISTEN}s and calls the relay's {@code wake} for every
 * notification. While it listens, {@link Outbox}'s wake at the commit of this process's own rows is left out (the
 * notification of that commit wakes the relay: one wake per commit, {@link OutboxRelay#committedHere}). The relay's
 * poll stays as it was: it and the in-process wake are the fallback while this connection is down (it reconnects
 * every {@code retry}, and wakes the relay when it listens again) and the poll for rows whose retry is due.
 */
class OutboxNotifications {

    static final String CHANNEL = "outbox_event";
    private static final Duration QUIET_CHECK = Duration.ofMinutes(1);
    private static final Driver DRIVER = new Driver();
    private static final Logger log = LoggerFactory.getLogger(OutboxNotifications.class);

    private final String url;
    private final Properties credentials;
    private final Runnable wake;
    private final int waitMillis;
    private final Duration retry;
    private volatile boolean running;
    private volatile boolean listening;
    private volatile Thread thread;

    /**
     * @param wait how long one wait for notifications blocks (the longest {@link #stop} waits for the thread)
     * @param retry the pause before connecting again after the connection failed
     */
    OutboxNotifications(String url, String username, String password, Runnable wake, Duration wait, Duration retry) {
        this.url = url;
        this.credentials = new Properties();
        if (username != null) {
            credentials.setProperty("user", username);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        credentials.setProperty("ApplicationName", "outbox-listener");
        this.wake = wake;
        this.waitMillis = (int) Math.max(1, wait.toMillis());
        this.retry = retry;
    }

    /** Whether the connection is listening now (a notification of each committed outbox row will come). */
    boolean listening() {
        return listening;
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread listener = new Thread(this::run, "outbox-listener");
        listener.setDaemon(true);
        thread = listener;
        listener.start();
    }

    /** Ends the thread after its current wait (at most {@code wait}). */
    synchronized void stop() {
        Thread listener = thread;
        running = false;
        thread = null;
        if (listener == null) {
            return;
        }
        try {
            listener.join(waitMillis + 2000L);
            if (listener.isAlive()) {
                listener.interrupt();
            }
        } catch (InterruptedException ex) {
            listener.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        boolean warned = false;
        while (running) {
            // the driver itself, not DriverManager: no lookup through the caller's class loader (a service may run in
            // a class loader of its own, scripts/launcher/shared-jvm)
            try (Connection connection = DRIVER.connect(url, credentials)) {
                if (connection == null) {
                    throw new SQLException("not a PostgreSQL address: " + url);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                listening = true;
                if (warned) {
                    log.info("outbox listener connected again");
                    warned = false;
                }
                // what was committed while nobody listened goes out now, not at the next poll
                wake.run();
                long quietSince = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(waitMillis);
                    if (notifications != null && notifications.length > 0) {
                        wake.run();
                        quietSince = System.nanoTime();
                    } else if (System.nanoTime() - quietSince > QUIET_CHECK.toNanos()) {
                        // a connection the network lost without a word would wait for ever: ask the server
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("select 1");
                        }
                        quietSince = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException ex) {
                if (running && !warned) {
                    log.warn("outbox listener: {}; the relay polls every interval meanwhile, connecting again every {}",
                            ex.toString(), retry);
                    warned = true;
                }
            } finally {
                listening = false;
            }
            if (running) {
                try {
                    Thread.sleep(retry);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
