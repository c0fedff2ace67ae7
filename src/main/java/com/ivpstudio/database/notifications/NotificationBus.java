package com.ivpstudio.database.notifications;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Cluster-wide events through PostgreSQL LISTEN/NOTIFY, so that every app node connected to the same database hears
 * what any node publishes. Each node keeps one dedicated listening connection (outside the pool, which would
 * otherwise lose a connection for good) read by one daemon thread; after the database was away it reconnects and
 * LISTENs again. Notifications published while no connection was open are lost: subscribers that keep state should
 * re-read it from the database, see {@link #onReconnect(Runnable)}.
 *
 * <p>Handlers run on the listener thread, one after the other in the order the notifications arrived: they must be
 * quick (hand slow work to another thread). A handler that throws is logged and the loop goes on.
 */
@Component
public class NotificationBus implements AutoCloseable {

    /** PostgreSQL refuses payloads of 8000 bytes or more. */
    public static final int MAX_PAYLOAD_BYTES = 7999;

    private static final Logger log = LoggerFactory.getLogger(NotificationBus.class);
    /** Channel names are quoted identifiers in LISTEN; this keeps them plain. */
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final int POLL_MILLIS = 200;
    private static final long KEEPALIVE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Map<String, Set<Subscription>> subscriptions = new ConcurrentHashMap<>();
    private final Set<Runnable> reconnectListeners = ConcurrentHashMap.newKeySet();
    /** Channels whose LISTEN has not been sent yet, each with the subscribers waiting for it. */
    private final Map<String, CountDownLatch> pendingListens = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();

    private volatile Thread listener;
    private volatile boolean closed;
    private volatile int backendPid;
    private volatile long reconnects;

    public NotificationBus(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
    }

    /**
     * Calls {@code payloadHandler} with the payload of every notification on {@code channel}, from any node, until
     * the returned subscription is closed. Returns once this node LISTENs on the channel (or after a few seconds when
     * the database is away: the listener then LISTENs as soon as it is back).
     */
    public Subscription subscribe(String channel, Consumer<String> payloadHandler) {
        requireChannel(channel);
        Subscription subscription = new Subscription(channel, payloadHandler);
        CountDownLatch listening = new CountDownLatch(1);
        boolean isNew;
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("The notification bus is closed");
            }
            Set<Subscription> set = subscriptions.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet());
            isNew = set.isEmpty();
            set.add(subscription);
            if (isNew) {
                pendingListens.put(channel, listening);
            }
            startListenerIfNeeded();
        }
        CountDownLatch pending = isNew ? listening : pendingListens.get(channel);
        if (pending != null) {
            try {
                pending.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return subscription;
    }

    /** Runs {@code listener} on the listener thread after each reconnect (notifications may have been missed). */
    public AutoCloseable onReconnect(Runnable reconnectListener) {
        reconnectListeners.add(reconnectListener);
        return () -> reconnectListeners.remove(reconnectListener);
    }

    /**
     * Sends {@code payload} to every subscriber of {@code channel} on every node. Inside a transaction it is
     * delivered when the transaction commits (and never if it rolls back). Carry ids, not content.
     */
    public void publish(String channel, String payload) {
        requireChannel(channel);
        String text = payload == null ? "" : payload;
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("A notification payload must stay under 8000 bytes; send ids, not content");
        }
        jdbc.sql("SELECT pg_notify(?, ?)").param(channel).param(text).query().singleValue();
    }

    /** The database process that holds this node's listening connection (0 while none is open). */
    int listeningBackendPid() {
        return backendPid;
    }

    long reconnectCount() {
        return reconnects;
    }

    @Override
    @PreDestroy
    public void close() {
        Thread thread;
        synchronized (lifecycle) {
            closed = true;
            thread = listener;
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void startListenerIfNeeded() {
        if (listener == null) {
            Thread thread = new Thread(this::listenLoop, "pg-notifications");
            thread.setDaemon(true);
            listener = thread;
            thread.start();
        }
    }

    private void listenLoop() {
        long backoff = 100;
        boolean everConnected = false;
        while (!closed) {
            try (Connection connection = openListeningConnection()) {
                PGConnection pg = connection.unwrap(PGConnection.class);
                backendPid = pg.getBackendPID();
                Set<String> listened = ConcurrentHashMap.newKeySet();
                syncListens(connection, listened);
                if (everConnected) {
                    reconnects++;
                    log.info("Notification listener reconnected to the database");
                    reconnectListeners.forEach(NotificationBus::runSafely);
                }
                everConnected = true;
                backoff = 100;
                long lastCheck = System.nanoTime();
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            dispatch(notification.getName(), notification.getParameter());
                        }
                    }
                    syncListens(connection, listened);
                    if (System.nanoTime() - lastCheck > KEEPALIVE_NANOS) {
                        // A connection dropped without a word (network, firewall) only shows when it is used.
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("SELECT 1");
                        }
                        lastCheck = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                backendPid = 0;
                if (closed) {
                    break;
                }
                log.warn("Notification listener lost the database ({}); retrying in {} ms", e.getClass().getSimpleName(), backoff);
                if (!sleep(backoff)) {
                    break;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
        backendPid = 0;
    }

    /** LISTENs on channels that gained subscribers and UNLISTENs those that lost them all. */
    private void syncListens(Connection connection, Set<String> listened) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String channel : subscriptions.keySet()) {
                if (!listened.contains(channel) && !subscriptions.getOrDefault(channel, Set.of()).isEmpty()) {
                    statement.execute("LISTEN \"" + channel + "\"");
                    listened.add(channel);
                }
                CountDownLatch pending = pendingListens.remove(channel);
                if (pending != null) {
                    pending.countDown();
                }
            }
            for (String channel : listened) {
                Set<Subscription> set = subscriptions.get(channel);
                if (set == null || set.isEmpty()) {
                    statement.execute("UNLISTEN \"" + channel + "\"");
                    listened.remove(channel);
                }
            }
        }
    }

    private void dispatch(String channel, String payload) {
        Set<Subscription> set = subscriptions.get(channel);
        if (set == null) {
            return;
        }
        for (Subscription subscription : set) {
            try {
                subscription.handler.accept(payload);
            } catch (RuntimeException e) {
                log.warn("A handler of channel {} failed", channel, e);
            }
        }
    }

    private Connection openListeningConnection() throws SQLException {
        // A connection of its own, not one borrowed from the pool: it is held for as long as the node runs.
        if (dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            Connection connection = DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
            connection.setAutoCommit(true);
            return connection;
        }
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        return connection;
    }

    private static void runSafely(Runnable runnable) {
        try {
            runnable.run();
        } catch (RuntimeException e) {
            log.warn("A reconnect listener failed", e);
        }
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void requireChannel(String channel) {
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("A channel name is lower-case letters, digits and _ (at most 63)");
        }
    }

    /** One handler on one channel; closing it stops the deliveries (and the LISTEN when it was the last one). */
    public final class Subscription implements AutoCloseable {

        private final String channel;
        private final Consumer<String> handler;

        private Subscription(String channel, Consumer<String> handler) {
            this.channel = channel;
            this.handler = handler;
        }

        public String channel() {
            return channel;
        }

        @Override
        public void close() {
            Set<Subscription> set = subscriptions.get(channel);
            if (set != null) {
                set.remove(this);
            }
        }
    }
}
