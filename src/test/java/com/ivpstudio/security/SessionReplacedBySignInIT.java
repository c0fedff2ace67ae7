package com.ivpstudio.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Signing in replaces the session id; a late request of the sign-in page (its push connection closing or
 * reconnecting with the old id) must not hand the browser a new anonymous session that replaces the signed-in one.
 * Seen in CI as a user landing on the sign-in page again right after signing in.
 */
@IntegrationTest
class SessionReplacedBySignInIT {

    private static final String PUSH_CLOSE = "/VAADIN/push?v-r=push&v-uiId=0&X-Atmosphere-Transport=close"
            + "&X-Atmosphere-tracking-id=0";

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void aPushRequestWithTheIdThatSignInReplacedGetsNoNewSessionAndTheSignedInOneStays() throws Exception {
        String before = session(send(HttpRequest.newBuilder(url("/login")).GET(), null)).orElseThrow();
        HttpResponse<String> signIn = send(HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=clinician&password=clinician-test-password")), before);
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        String signedIn = session(signIn).orElseThrow();
        assertThat(signedIn).as("sign-in replaced the session id").isNotEqualTo(before);

        HttpResponse<String> late = send(HttpRequest.newBuilder(url(PUSH_CLOSE)).GET(), before);
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(session(late)).as("no new session for a request with the replaced id").isEmpty();

        HttpResponse<String> current = send(HttpRequest.newBuilder(url(PUSH_CLOSE)).GET(), signedIn);
        assertThat(current.statusCode()).as("the signed-in session's push requests pass").isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(url("/cases")).GET(), signedIn).statusCode())
                .as("still signed in").isEqualTo(200);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String session) throws Exception {
        if (session != null) {
            request.header("Cookie", "JSESSIONID=" + session);
        }
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<String> session(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring("JSESSIONID=".length()).split(";", 2)[0]).findFirst();
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
