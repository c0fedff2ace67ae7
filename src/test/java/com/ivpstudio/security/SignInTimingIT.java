package com.ivpstudio.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.IntegrationTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A sign-in attempt for a locked account, an unknown user and a wrong password takes the same time and gets the same
 * answer, on the sign-in form and on the actuator's HTTP basic. Measured over many interleaved tries (so that load on
 * the machine hits all three alike) and compared by median: a locked account used to answer in ~3 ms against ~300.
 */
@IntegrationTest
class SignInTimingIT {

    static final int TRIES = 20;
    static final double TOLERANCE = 0.30;

    @LocalServerPort
    int port;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder encoder;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    String locked;
    String existing;
    String unknown;

    @BeforeEach
    void accounts() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        locked = "locked-" + suffix;
        existing = "existing-" + suffix;
        unknown = "nobody-" + suffix;
        users.insert(locked, encoder.encode("right-password"), EnumSet.of(Role.ADMIN));
        users.insert(existing, encoder.encode("right-password"), EnumSet.of(Role.ADMIN));
        users.recordFailedSignIn(locked, 1, Instant.now().plus(Duration.ofHours(1)));
        assertThat(users.findByUsername(locked).orElseThrow().lockedUntil()).isNotNull();
    }

    @Test
    void theSignInFormAnswersLockedUnknownAndWrongPasswordAlikeInTheSameTime() throws Exception {
        Map<String, List<Answer>> answers = measure(username -> formSignIn(username, "right-password"),
                username -> formSignIn(username, "wrong-password"));

        answers.values().stream().flatMap(List::stream).forEach(a -> {
            assertThat(a.status()).isEqualTo(302);
            assertThat(a.where()).endsWith("/login?error");
        });
        assertMediansAlike(answers);
    }

    @Test
    void actuatorBasicAuthAnswersLockedUnknownAndWrongPasswordAlikeInTheSameTime() throws Exception {
        Map<String, List<Answer>> answers = measure(username -> basicSignIn(username, "right-password"),
                username -> basicSignIn(username, "wrong-password"));

        answers.values().stream().flatMap(List::stream).forEach(a -> {
            assertThat(a.status()).isEqualTo(401);
            assertThat(a.where()).isEqualTo("Basic realm=\"IVP Studio actuator\"");
        });
        assertMediansAlike(answers);
    }

    /** Locked account (with its RIGHT password), unknown user, wrong password: TRIES rounds, each in a random order. */
    private Map<String, List<Answer>> measure(Attempt right, Attempt wrong) throws Exception {
        Map<String, Callable<Answer>> cases = new LinkedHashMap<>();
        cases.put("locked", () -> right.run(locked));
        cases.put("unknown", () -> wrong.run(unknown));
        cases.put("wrong password", () -> wrong.run(existing));
        Map<String, List<Answer>> answers = new LinkedHashMap<>();
        cases.keySet().forEach(k -> answers.put(k, new ArrayList<>()));
        right.run(existing); // warm-up: first requests pay for class loading
        wrong.run(unknown);
        List<String> order = new ArrayList<>(cases.keySet());
        Random random = new Random(13);
        for (int i = 0; i < TRIES; i++) {
            Collections.shuffle(order, random);
            for (String k : order) {
                answers.get(k).add(cases.get(k).call());
            }
            users.recordSuccessfulSignIn(existing); // so that the wrong passwords never lock it
        }
        return answers;
    }

    private static void assertMediansAlike(Map<String, List<Answer>> answers) {
        Map<String, Double> medians = new LinkedHashMap<>();
        answers.forEach((k, v) -> medians.put(k, median(v)));
        double fastest = medians.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double slowest = medians.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        System.out.printf("Sign-in medians (ms, %d tries each): %s%n", TRIES, medians);
        answers.forEach((k, v) -> System.out.printf("  %s: %s%n", k, v.stream().map(a -> Math.round(a.millis())).toList()));
        assertThat(slowest / fastest).as("median sign-in times %s", medians).isLessThanOrEqualTo(1 + TOLERANCE);
    }

    private static double median(List<Answer> answers) {
        double[] ms = answers.stream().mapToDouble(Answer::millis).sorted().toArray();
        return ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
    }

    private Answer formSignIn(String username, String password) throws Exception {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), "Location");
    }

    private Answer basicSignIn(String username, String password) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/metrics"))
                .header("Authorization", "Basic " + credentials).GET().build(), "WWW-Authenticate");
    }

    private Answer send(HttpRequest request, String header) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - t0) / 1e6;
        return new Answer(response.statusCode(), response.headers().firstValue(header).orElse(""), ms);
    }

    record Answer(int status, String where, double millis) {
    }

    @FunctionalInterface
    interface Attempt {
        Answer run(String username) throws Exception;
    }
}
