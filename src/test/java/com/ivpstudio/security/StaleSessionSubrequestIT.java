package com.ivpstudio.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.Browser;
import com.ivpstudio.IntegrationTest;
import com.ivpstudio.cases.CaseService;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Signing in replaces the session id; a late request of the sign-in page or of the app's service worker (an icon,
 * the web manifest, the push connection closing) still carries the old id and must not hand the browser a new
 * anonymous session that replaces the signed-in one. Seen in CI as a user landing on the sign-in page again right after signing in.
 */
@IntegrationTest
class StaleSessionSubrequestIT {

    private static final String ICON = "/icons/icon-32x32.png";
    private static final String PUSH_CLOSE = "/VAADIN/push?v-r=push&v-uiId=0&X-Atmosphere-Transport=close"
            + "&X-Atmosphere-tracking-id=0";

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    @LocalServerPort
    int port;
    @Autowired
    CaseService cases;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void aPageRequestWithTheIdThatSignInReplacedGetsNoNewSessionAndTheSignedInOneStays() throws Exception {
        String before = session(send("GET", "/login", null, "navigate")).orElseThrow();
        HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(url("/login"))
                .header("Cookie", "JSESSIONID=" + before).header("Sec-Fetch-Mode", "navigate")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=clinician&password=clinician-test-password"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        String signedIn = session(signIn).orElseThrow();
        assertThat(signedIn).as("sign-in replaced the session id").isNotEqualTo(before);

        for (String[] late : new String[][] {{ICON, "no-cors"}, {"/", "same-origin"}, {PUSH_CLOSE, "websocket"},
                {"/VAADIN/dynamic/resource/0/x/view.png", "no-cors"}, {"/manifest.webmanifest", "cors"},
                {"/offline.html", "same-origin"}, {"/offline-stub.html", "same-origin"},
                {"/sw-runtime-resources-precache.js", "same-origin"},
                {"/favicon.ico", "no-cors"}}) {
            HttpResponse<String> r = send("GET", late[0], before, late[1]);
            assertThat(r.statusCode()).as(late[0]).isEqualTo(403);
            assertThat(session(r)).as("no new session for %s with the replaced id", late[0]).isEmpty();
        }
        assertThat(send("GET", "/scripts/ivp-scrubber.js", before, "no-cors").statusCode())
                .as("the root is matched alone: a static file is served with the replaced id").isEqualTo(200);
        HttpResponse<String> heartbeat = send("POST", "/?v-r=heartbeat&v-uiId=0", before, "cors");
        assertThat(heartbeat.statusCode()).as("Vaadin answers its own client's requests").isNotEqualTo(403);
        assertThat(session(heartbeat)).as("and makes no session for them").isEmpty();
        HttpResponse<String> init = send("GET", "/?v-r=init&location=login&query=", before, "cors");
        assertThat(init.statusCode()).as("a page's first state").isEqualTo(200);

        assertThat(send("GET", ICON, signedIn, "no-cors").statusCode()).as("the signed-in session's icon")
                .isEqualTo(200);
        assertThat(send("GET", "/cases", signedIn, "navigate").statusCode()).as("still signed in").isEqualTo(200);
        HttpResponse<String> navigation = send("GET", "/cases", before, "navigate");
        assertThat(navigation.statusCode()).as("a page opened with the old id goes to sign-in").isEqualTo(302);
        assertThat(session(navigation)).as("a navigation may start a session").isPresent();
    }

    /**
     * The filter names the paths that were seen to make a session; this finds any new one. Every GET the app's pages
     * and its service worker make (signed out and signed in, clinician and admin pages) is sent again, with the fetch
     * mode the browser gave it, carrying a session id the server does not know — as a page's late request would. Only
     * navigations and Vaadin's bootstrap request for a page's first state ({@code v-r=init}, the navigation's own
     * continuation: a page opened with an expired id gets its new session there) may hand out a session.
     */
    @Test
    void noRequestOfTheAppsPagesButANavigationStartsASessionWithAnIdTheServerNoLongerKnows() throws Exception {
        Map<String, String> modeByPath = new TreeMap<>();
        long demo = cases.findByCode("DEMO-01").orElseThrow().id();
        for (String[] user : new String[][] {{"clinician", "/cases", "/cases/" + demo, "/cases/" + demo + "/progress",
                "/studio", "/studio/explore/" + demo, "/studio/nudge/" + demo, "/studio/text/" + demo, "/meetings"},
                {"admin", "/admin/models", "/admin/status", "/admin/users", "/admin/audit", "/admin/sharing"}}) {
            Page page = browser.newPage();
            List<Request> requests = new ArrayList<>();
            // only collected here: a listener must not call back into Playwright
            page.context().onRequest(requests::add);
            browser.signIn(page, user[0]);
            for (int i = 1; i < user.length; i++) {
                browser.open(page, user[i]);
            }
            for (Request r : requests) {
                // The fetch mode the browser sends (asking Playwright for the sent headers waits forever for a request
                // still open, the push connection). The service worker passes a page's navigation on as its own
                // fetch, which keeps the mode "navigate".
                String mode = r.isNavigationRequest() || r.resourceType().equals("document") ? "navigate" : "no-cors";
                if (r.method().equals("GET") && r.url().startsWith(browser.url("/"))) {
                    modeByPath.merge(r.url().substring(browser.url("/").length() - 1), mode,
                            (was, now) -> was.equals("navigate") ? was : now);
                }
            }
            page.context().close();
        }
        assertThat(modeByPath).as("requests seen").containsKey(ICON);

        String unknown = "0123456789ABCDEF0123456789ABCDEF";
        List<String> madeASession = new ArrayList<>();
        for (Map.Entry<String, String> request : modeByPath.entrySet()) {
            boolean mayStartOne = request.getValue().equals("navigate") || request.getKey().contains("v-r=init");
            if (!mayStartOne && session(send("GET", request.getKey(), unknown, request.getValue())).isPresent()) {
                madeASession.add(request.getKey() + " (" + request.getValue() + ")");
            }
        }
        assertThat(madeASession).as("of %s requests", modeByPath.size()).isEmpty();
    }

    private HttpResponse<String> send(String method, String path, String session, String fetchMode) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30))
                .header("Sec-Fetch-Mode", fetchMode).method(method, HttpRequest.BodyPublishers.noBody());
        if (session != null) {
            request.header("Cookie", "JSESSIONID=" + session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<String> session(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring("JSESSIONID=".length()).split(";", 2)[0]).findFirst();
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
