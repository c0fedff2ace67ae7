package com.ivpstudio.database.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ivpstudio.IntegrationTest;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class NotificationBusIT {

    @Autowired
    NotificationBus bus;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void aPublishReachesEverySubscriberOfTheChannelAndNoOther() throws Exception {
        BlockingQueue<String> first = new LinkedBlockingQueue<>();
        BlockingQueue<String> second = new LinkedBlockingQueue<>();
        BlockingQueue<String> other = new LinkedBlockingQueue<>();
        try (var a = bus.subscribe("test_bus_both", first::add);
             var b = bus.subscribe("test_bus_both", second::add);
             var c = bus.subscribe("test_bus_other", other::add)) {
            bus.publish("test_bus_both", "42");

            assertThat(first.poll(5, TimeUnit.SECONDS)).isEqualTo("42");
            assertThat(second.poll(5, TimeUnit.SECONDS)).isEqualTo("42");
            assertThat(other.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void afterTheListeningConnectionIsKilledItReconnectsAndReceivesAgain() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        BlockingQueue<String> reconnected = new LinkedBlockingQueue<>();
        try (var s = bus.subscribe("test_bus_reconnect", received::add);
             var r = bus.onReconnect(() -> reconnected.add("again"))) {
            bus.publish("test_bus_reconnect", "before");
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("before");
            int killed = bus.listeningBackendPid();
            assertThat(killed).isPositive();

            Boolean terminated = jdbc.sql("SELECT pg_terminate_backend(?)").param(killed).query(Boolean.class).single();
            assertThat(terminated).isTrue();

            assertThat(reconnected.poll(10, TimeUnit.SECONDS)).isEqualTo("again");
            assertThat(bus.listeningBackendPid()).isPositive().isNotEqualTo(killed);
            bus.publish("test_bus_reconnect", "after");
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("after");
        }
    }

    @Test
    void aHandlerThatFailsDoesNotStopTheOthersNorTheLoop() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        try (var failing = bus.subscribe("test_bus_failing", p -> {
                throw new IllegalStateException("handler bug");
            });
             var working = bus.subscribe("test_bus_failing", received::add)) {
            bus.publish("test_bus_failing", "1");
            bus.publish("test_bus_failing", "2");
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("1");
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("2");
        }
    }

    @Test
    void aPublishInsideATransactionArrivesOnlyAtCommit() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        try (var s = bus.subscribe("test_bus_tx", received::add)) {
            transactions.executeWithoutResult(status -> {
                bus.publish("test_bus_tx", "rolled-back");
                status.setRollbackOnly();
            });
            transactions.executeWithoutResult(status -> {
                bus.publish("test_bus_tx", "committed");
                try {
                    assertThat(received.poll(500, TimeUnit.MILLISECONDS)).isNull();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("committed");
            assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void aClosedSubscriptionReceivesNothingMore() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        var subscription = bus.subscribe("test_bus_closed", received::add);
        subscription.close();
        bus.publish("test_bus_closed", "late");
        assertThat(received.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void badChannelsAndOversizedPayloadsAreRefused() {
        assertThatThrownBy(() -> bus.publish("Robert\"; DROP TABLE x", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bus.subscribe("", p -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bus.publish("test_bus_big", "x".repeat(8000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8000");
    }
}
