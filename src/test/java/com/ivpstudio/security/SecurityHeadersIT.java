package com.ivpstudio.security;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.Browser;
import com.ivpstudio.IntegrationTest;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.images.PhotoFixturesForBrowser;
import com.ivpstudio.inference.InferenceService;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The browser-facing headers: a Content-Security-Policy that the app really works with (sign-in, the case page,
 * photo upload, the studio's frame scrubber, the status page, in Chromium, with no violation reported), a
 * SameSite=Lax HttpOnly session cookie that is Secure over TLS (behind a proxy), and no session id in any URL.
 */
@IntegrationTest
class SecurityHeadersIT {

    @LocalServerPort
    int port;

    @Autowired
    CaseService cases;

    @Autowired
    InferenceService inference;

    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void everyPageCarriesTheContentSecurityPolicyAndFramingIsRefused() throws Exception {
        for (String path : List.of("/login", "/", "/cases", "/scripts/ivp-scrubber.js")) {
            HttpResponse<String> r = get(path, false);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).contains(ContentSecurityPolicy.POLICY);
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
        }
        assertThat(ContentSecurityPolicy.POLICY).contains("frame-ancestors 'none'", "object-src 'none'",
                "default-src 'self'");
    }

    @Test
    void theSessionCookieIsSameSiteLaxHttpOnlyAndSecureOnlyOverTls() throws Exception {
        String plain = sessionCookie(get("/login", false));
        assertThat(plain).contains("SameSite=Lax").contains("HttpOnly").doesNotContain("Secure");

        String behindTlsProxy = sessionCookie(get("/login", true));
        assertThat(behindTlsProxy).contains("SameSite=Lax").contains("HttpOnly").contains("Secure");
    }

    @Test
    void noSessionIdEverTravelsInAUrl() throws Exception {
        for (String path : List.of("/VAADIN/x", "/cases", "/admin/users", "/studio")) {
            HttpResponse<String> r = get(path, false);
            assertThat(r.statusCode()).as(path).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElseThrow()).as(path).doesNotContainIgnoringCase("jsessionid");
        }
        assertThat(get("/login", false).body()).doesNotContainIgnoringCase("jsessionid");
    }

    @Test
    void signInCasePageUploadStudioScrubberAndStatusRunWithoutAnyCspViolation() {
        if (inference.activeBundle().isEmpty()) {
            inference.runtime().activate(Path.of("models", "demo"));
        }
        long demo1 = cases.findByCode("DEMO-01").orElseThrow().id();
        long demo2 = cases.findByCode("DEMO-02").orElseThrow().id();
        long empty = jdbc.sql("""
                INSERT INTO patient_case (patient_code, created_by, updated_by)
                VALUES ('CSP-' || floor(random() * 1e9)::bigint, 'test', 'test') RETURNING id""")
                .query(Long.class).single();

        try (Browser browser = new Browser(port)) {
            Page page = browser.newPage();
            CspViolations violations = new CspViolations(page.context());
            violations.watch(page);

            browser.signIn(page, "admin", "admin-test-password");

            browser.open(page, "/cases/" + demo1);
            page.waitForFunction("() => [...document.querySelectorAll('#view-grid img.predicted-img')]"
                    + ".filter(i => i.src.startsWith('data:image/png') && i.naturalWidth > 0).length === 4");

            browser.open(page, "/cases/" + empty);
            page.locator("#photo-upload input[type=file]").setInputFiles(new FilePayload(
                    "front.jpg", "image/jpeg", PhotoFixturesForBrowser.smallJpeg()));
            assertThat(page.locator("#photo-timeline .thumb img")).isVisible();
            page.waitForFunction("() => { const i = document.querySelector('#photo-timeline .thumb img');"
                    + " return i && i.naturalWidth > 0; }");

            browser.open(page, "/studio/nudge/" + demo2);
            page.locator("#nudge-compute").click();
            page.waitForSelector("#nudge-scrubber[ready]", new Page.WaitForSelectorOptions().setTimeout(120_000));
            page.locator("#nudge-scrubber input.slider").focus();
            page.keyboard().press("End");
            page.locator("#nudge-scrubber button.play").click();
            page.waitForTimeout(500);
            page.locator("#nudge-scrubber button.play").click();
            page.locator("#nudge-scrubber input.swipe-toggle").check();
            Browser.screenshot(page, "security-01-scrubber-under-csp");

            browser.open(page, "/admin/status");
            assertThat(page.locator("#status-application")).containsText("development");
            Browser.screenshot(page, "security-02-status-mode");

            assertThat(violations.seen()).as("CSP violations").isEmpty();
        }
    }

    @Test
    void theViolationWatcherReportsWhatThePolicyBlocks() {
        try (Browser browser = new Browser(port)) {
            Page page = browser.newPage();
            CspViolations violations = new CspViolations(page.context());
            violations.watch(page);
            browser.open(page, "/login");

            page.evaluate("() => { const i = document.createElement('img'); i.src = 'http://127.0.0.2:9/x.png';"
                    + " document.body.appendChild(i); }");
            page.waitForCondition(() -> !violations.seen().isEmpty());

            assertThat(violations.seen()).anyMatch(v -> v.contains("img-src"));
        }
    }

    private HttpResponse<String> get(String path, boolean viaTlsProxy) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html");
        if (viaTlsProxy) {
            request.header("X-Forwarded-Proto", "https");
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + r.headers().map()));
    }
}
