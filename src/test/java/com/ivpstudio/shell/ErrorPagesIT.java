package com.ivpstudio.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.Browser;
import com.ivpstudio.IntegrationTest;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Unknown static files are a plain 404 for anyone (never the app frame), and the error path answers with its real
 * status, a titled page, and one log line with the page's reference (no stack traces).
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ErrorPagesIT {

    @LocalServerPort
    int port;

    @Test
    void unknownStaticFilesArePlain404sForAnAnonymousVisitorWithoutTheAppFrame() throws Exception {
        HttpClient anonymous = client();
        for (String path : List.of("/images/x", "/scripts/x", "/icons/x", "/images/", "/scripts/../login",
                "/scripts/x.js")) {
            HttpResponse<String> r = get(anonymous, path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(r.body()).as(path).isEqualTo("Not found\n");
        }
        assertThat(get(anonymous, "/scripts/ivp-scrubber.js").statusCode()).isEqualTo(200);

        try (Browser browser = new Browser(port)) {
            Page page = browser.newPage();
            Response response = page.navigate(browser.url("/images/x"));
            assertThat(response.status()).isEqualTo(404);
            assertThat(page.content()).doesNotContain("Sign out", "Cases", "vaadin");
            page.context().close();
        }
    }

    @Test
    void aSignedInGetOfTheErrorPathIsA404PageWithATitleAndOneLogLine(CapturedOutput output) throws Exception {
        HttpClient admin = signedIn();
        int logStart = output.getOut().length();

        HttpResponse<String> r = get(admin, "/error");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("<title>Not found · IVP Studio</title>").doesNotContain("Exception", "at com.");
        String reference = reference(r.body());
        String log = output.getOut().substring(logStart);
        assertThat(log).doesNotContain("Circular view path").doesNotContain("\tat ");
        assertThat(log.lines().filter(l -> l.contains(reference)).toList()).hasSize(1);
        assertThat(log.lines().filter(l -> l.contains("ERROR")).toList()).isEmpty();
    }

    @Test
    void aRequestTheFirewallRefusesIsA400PageAndOneLogLineNotAStackTrace(CapturedOutput output) throws Exception {
        HttpClient admin = signedIn();
        int logStart = output.getOut().length();

        HttpResponse<String> r = get(admin, "/cases/%2e%2e;x=1/x");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<title>Request refused · IVP Studio</title>");
        String reference = reference(r.body());
        String log = output.getOut().substring(logStart);
        assertThat(log).doesNotContain("\tat ").doesNotContain("RequestRejectedException:");
        assertThat(log.lines().filter(l -> l.contains(reference)).toList()).hasSize(1);
    }

    @Test
    void aSignedInUnknownScreenIsTitledNotFoundInsideTheFrame() {
        try (Browser browser = new Browser(port)) {
            Page page = browser.newPage();
            browser.signIn(page, "clinician", "clinician-test-password");
            Response response = page.navigate(browser.url("/no-such-screen"));
            Browser.waitForVaadin(page);
            page.waitForSelector(".error-view");
            assertThat(page.title()).isEqualTo("Not found · IVP Studio");
            assertThat(response.status()).isEqualTo(404);
            Browser.screenshot(page, "security-03-not-found-signed-in");
            page.context().close();
        }
    }

    private static String reference(String body) {
        Matcher m = Pattern.compile("reference ([0-9a-f]{8})").matcher(body);
        assertThat(m.find()).as("a reference on the page").isTrue();
        return m.group(1);
    }

    private HttpClient client() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).cookieHandler(new CookieManager()).build();
    }

    private HttpClient signedIn() throws Exception {
        HttpClient client = client();
        get(client, "/login");
        String form = "username=admin&password=" + URLEncoder.encode("admin-test-password", StandardCharsets.UTF_8);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        return client;
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
