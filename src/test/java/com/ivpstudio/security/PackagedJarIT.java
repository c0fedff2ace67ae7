package com.ivpstudio.security;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.Browser;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The app as a deployment runs it: the production-mode jar (`./mvnw -Pproduction -DskipTests package`, built from a
 * copy of the sources) started with `java -jar` from an EMPTY folder. It must find its demo model, run Vaadin in
 * production mode (no source tree, no npm), and serve every screen in Chromium under the CSP with no violation
 * and no error in its log.
 */
class PackagedJarIT {

    static final Path OUT = Path.of("target", "packaged-jar-check").toAbsolutePath();
    static final String ADMIN_PASSWORD = "packaged-admin-password";

    static Process app;
    static Path workDir;
    static Path log;
    static int port;

    @BeforeAll
    static void buildAndStart() throws Exception {
        Path jar = buildProductionJar();
        workDir = Files.createTempDirectory("ivp-packaged-");
        log = OUT.resolve("app.log");
        port = freePort();
        ProcessBuilder start = new ProcessBuilder("java", "-Dai.djl.offline=true", "-Xmx1500m",
                "-Dserver.port=" + port, "-jar", jar.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        start.environment().put("IVP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        app = start.start();
        waitForSignInPage();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.destroy(); // a normal shutdown also stops its embedded PostgreSQL
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    @Test
    void theProductionJarStartedFromAnEmptyFolderServesEveryScreenWithItsModelAndNoCspViolation() throws Exception {
        try (Browser browser = new Browser(port)) {
            Page page = browser.newPage();
            CspViolations violations = new CspViolations(page.context());
            violations.watch(page);
            browser.signIn(page, "admin", ADMIN_PASSWORD);

            for (String path : List.of("/cases", "/studio", "/admin/models", "/admin/users", "/admin/audit",
                    "/admin/status")) {
                browser.open(page, path);
                assertThat(page.locator(".error-view").count()).as(path).isZero();
            }
            assertThat(page.locator("#status-application")).containsText("production");
            assertThat(page.locator("#status-model")).containsText("ivp-demo-phantom");
            Browser.screenshot(page, "security-04-packaged-jar-status");

            // a first start seeds the demo cases and reference pairs after the server is up; the studio needs both
            waitForLog("Demo data ready");
            browser.open(page, "/cases");
            page.locator("#case-grid vaadin-grid-cell-content", new Page.LocatorOptions().setHasText("DEMO-02"))
                    .first().click();
            page.waitForURL(u -> u.matches(".*/cases/\\d+"));
            Browser.waitForVaadin(page);
            String caseId = page.url().replaceAll(".*/cases/(\\d+).*", "$1");
            page.waitForFunction("() => [...document.querySelectorAll('#view-grid img.predicted-img')]"
                    + ".filter(i => i.src.startsWith('data:image/png') && i.naturalWidth > 0).length === 4",
                    null, new Page.WaitForFunctionOptions().setTimeout(120_000));
            Browser.screenshot(page, "security-05-packaged-jar-case");

            browser.open(page, "/studio/nudge/" + caseId);
            page.locator("#nudge-compute").click();
            page.waitForSelector("#nudge-scrubber[ready]", new Page.WaitForSelectorOptions().setTimeout(120_000));
            page.locator("#nudge-scrubber input.slider").focus();
            page.keyboard().press("End");
            Browser.screenshot(page, "security-06-packaged-jar-studio");

            assertThat(violations.seen()).as("CSP violations").isEmpty();
            page.context().close();
        }

        String appLog = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(appLog).doesNotContain("Failed to find", "No model registered", "development mode");
        assertThat(errorsOtherThanPushToAClosedPage(appLog)).as("errors in the app log").isEmpty();
        assertThat(appLog).contains("using the one packaged in the application");
    }

    /**
     * The app log's ERROR lines, less one race that is not the app's: the test closes the browser while the studio may
     * still push a strip frame, and Vaadin logs the write to that closed WebSocket at ERROR (seen once in three CI
     * runs). Any other error, and this one with another cause, still fails the test.
     */
    static List<String> errorsOtherThanPushToAClosedPage(String appLog) {
        List<String> lines = appLog.lines().toList();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).contains(" ERROR ")) {
                continue;
            }
            String cause = lines.subList(i + 1, Math.min(lines.size(), i + 4)).stream()
                    .filter(l -> !l.isBlank()).findFirst().orElse("");
            boolean pushToClosedPage = lines.get(i).endsWith("Exception in push connection")
                    && cause.contains("the WebSocket session has been closed");
            if (!pushToClosedPage) {
                errors.add(lines.get(i));
            }
        }
        return errors;
    }

    /** Runs src/test/setup/build-production-jar.sh with this build's offline setting and local repository. */
    private static Path buildProductionJar() throws IOException, InterruptedException {
        Files.createDirectories(OUT);
        List<String> command = new ArrayList<>(List.of("bash", "src/test/setup/build-production-jar.sh", OUT.toString()));
        if ("offline-true".equals(System.getProperty("ivp.maven.offline"))) {
            command.add("-o");
        }
        String repository = System.getProperty("ivp.maven.repository", "");
        if (!repository.isBlank()) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        Process build = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String jar = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(build.waitFor()).as("production build (see %s)", OUT.resolve("build.log")).isZero();
        return Path.of(jar);
    }

    private static void waitForLog(String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never logged \"" + line + "\"; log: " + log);
            }
            Thread.sleep(2000);
        }
    }

    private static void waitForSignInPage() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new AssertionError("the jar exited: " + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("<html")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("/login never answered; log: " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
