package com.ivpstudio.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.IntegrationTest;
import com.ivpstudio.database.AdvisoryLock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The patient-page limits kept in PostgreSQL: the same buckets whichever node a request lands on. */
@IntegrationTest
class ShareThrottleIT {

    @Autowired
    ShareThrottleRepository buckets;

    @Autowired
    AdvisoryLock locks;

    @Autowired
    JdbcClient jdbc;

    ShareThrottle node(int guesses, int perLink, int perClient, Duration window) {
        return new ShareThrottle(buckets, locks, guesses, perLink, perClient, window);
    }

    static String client() {
        return "203.0.113." + UUID.randomUUID();
    }

    @Test
    void passcodeTriesAreLimitedPerLinkAndPerClientAndSayHowLongToWait() {
        ShareThrottle throttle = node(3, 2, 3, Duration.ofMinutes(15));
        long link = System.nanoTime();
        String a = client();
        assertThat(throttle.passcodeWait(link, a)).isZero();
        throttle.passcodeFailed(link, a);
        assertThat(throttle.passcodeTriesLeft(link, a)).isEqualTo(1);
        throttle.passcodeFailed(link, a);
        Duration wait = throttle.passcodeWait(link, a);
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15));
        // per link: another client waits too; per client: the same client on another link has one try left
        assertThat(throttle.passcodeWait(link, client())).isPositive();
        assertThat(throttle.passcodeWait(link + 1, a)).isZero();
        throttle.passcodeFailed(link + 1, a);
        assertThat(throttle.passcodeWait(link + 2, a)).isPositive();
        assertThat(WaitTime.describe(wait, PatientText.of(new com.ivpstudio.language.Translations(), java.util.Locale.ENGLISH))).matches("\\d+ minutes?|\\d+ seconds?");
    }

    @Test
    void tokenGuessesAreLimitedPerClientAcrossNodes() {
        ShareThrottle nodeA = node(3, 5, 10, Duration.ofMinutes(10));
        ShareThrottle nodeB = node(3, 5, 10, Duration.ofMinutes(10));
        String a = client();
        nodeA.guessMissed(a);
        nodeB.guessMissed(a);
        assertThat(nodeA.guessWait(a)).isZero();
        nodeB.guessMissed(a);
        assertThat(nodeA.guessWait(a)).as("three misses, spread over two nodes, use up the three guesses").isPositive();
        assertThat(nodeB.guessWait(a)).isPositive();
        assertThat(nodeA.guessWait(client())).isZero();
    }

    @Test
    void triesComeBackGraduallyOverTheWindow() throws InterruptedException {
        ShareThrottle throttle = node(2, 5, 10, Duration.ofSeconds(2));
        String a = client();
        throttle.guessMissed(a);
        throttle.guessMissed(a);
        assertThat(throttle.guessWait(a)).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
        Thread.sleep(1_100);
        assertThat(throttle.guessWait(a)).isZero();
    }

    @Test
    void noClientAddressIsStored() {
        String a = client();
        node(3, 5, 10, Duration.ofMinutes(10)).guessMissed(a);
        assertThat(jdbc.sql("SELECT bucket FROM share_throttle").query(String.class).list())
                .isNotEmpty().allMatch(b -> b.matches("[0-9a-f]{64}")).noneMatch(b -> b.contains("203.0.113"));
    }
}
