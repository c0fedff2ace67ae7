package com.ivpstudio;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Debian's Chromium driven by Playwright (no browser download), one per test class. Screenshots go to
 * target/screenshots so that a person can look at what each flow showed.
 *
 * <p>A browser IT declares {@code @RegisterExtension static final Browser browser = Browser.perTestClass();}: it
 * learns the port the app runs on before the class's first test, starts Chromium when a test first opens a page, and
 * closes after the class's last test. Several people at once (a meeting's presenter and followers) sign in through
 * {@link #people()}.
 */
public final class Browser implements AutoCloseable, BeforeEachCallback, AfterAllCallback,
        TestExecutionExceptionHandler {

    public static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final String CHROMIUM = System.getenv().getOrDefault("IVP_CHROMIUM", "/usr/bin/chromium");

    /** The password every seeded test user has: the user name and "-test-password". */
    private static final String TEST_PASSWORD = "-test-password";
    /**
     * How long an action or a wait may take. Generous on purpose: on this project's 2-core machines the app, its
     * inference, Maven and Chromium share the CPU, and every fresh context parses Vaadin's 9 MB development bundle
     * again; a test waits for page state, so a passing test never pays for the margin, a hang still fails.
     */
    private static final int TIMEOUT_MS = 60_000;

    private final PageJournal journal = new PageJournal();
    private Playwright playwright;
    private com.microsoft.playwright.Browser browser;
    private String baseUrl;

    public Browser(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    private Browser() {
    }

    /** A browser that starts when the test class's app is up and closes after the class (a JUnit extension). */
    public static Browser perTestClass() {
        return new Browser();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (baseUrl == null) {
            baseUrl = "http://localhost:" + SpringExtension.getApplicationContext(context).getEnvironment()
                    .getRequiredProperty("local.server.port", Integer.class);
        }
        journal.clear();
    }

    /**
     * Keeps what the pages and the app's threads showed when a test failed (see {@link FailureEvidence}) and puts
     * its summary in front of the failure's own message; the original stays the cause, with its stack trace.
     */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        String test = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        String summary = FailureEvidence.record(test, browser == null ? List.of() : browser.contexts(), journal);
        AssertionError explained = new AssertionError(summary + "\n" + failure.getMessage(), failure);
        explained.setStackTrace(failure.getStackTrace());
        throw explained;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Chromium, launched when the first page is asked for (a class's tests without a page never pay for it). */
    private com.microsoft.playwright.Browser chromium() {
        if (browser == null) {
            playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(Paths.get(CHROMIUM))
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--no-first-run")));
            // web-first assertions wait as long as actions do, not their own 5 s: on a loaded 2-core machine a large
            // upload's thumbnail or a pushed change can take longer than that
            PlaywrightAssertions.setDefaultAssertionTimeout(TIMEOUT_MS);
        }
        return browser;
    }

    /** A fresh, signed-out browser context (its own cookies). */
    public Page newPage() {
        return newPage(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1400, 900));
    }

    /** A fresh, signed-out browser context with the given options (viewport, user agent …) and this app's base URL. */
    public Page newPage(com.microsoft.playwright.Browser.NewContextOptions options) {
        BrowserContext context = chromium().newContext(options.setBaseURL(baseUrl));
        context.setDefaultTimeout(TIMEOUT_MS);
        Page page = context.newPage();
        journal.follow(page);
        return page;
    }

    public String url(String path) {
        return baseUrl + (path.startsWith("/") ? path : "/" + path);
    }

    /** Opens a path and waits until Vaadin has rendered it. */
    public void open(Page page, String path) {
        page.navigate(url(path));
        waitForVaadin(page);
    }

    /**
     * Waits until the page's server-side Flow client has registered and neither it nor the bootstrap client is busy.
     * The bootstrap client ("TypeScript") registers first and can look idle before the load event has started it, so
     * a page with only that client is not rendered yet.
     */
    public static void waitForVaadin(Page page) {
        page.waitForFunction("() => { const c = window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients;"
                + " return !!c && Object.keys(c).some(k => k !== 'TypeScript')"
                + " && Object.values(c).every(x => !x.isActive || !x.isActive()); }");
    }

    public void signIn(Page page, String username, String password) {
        open(page, "/login");
        // the form posts natively once the server has given it its action: typing before that signs nobody in
        page.waitForFunction("() => { const f = document.querySelector('vaadin-login-form');"
                + " return !!f && f.action === 'login' && !f.disabled; }");
        page.locator("vaadin-login-form input[name=username]").fill(username);
        page.locator("vaadin-login-form input[name=password]").fill(password);
        page.locator("vaadin-login-form vaadin-button[slot=submit], vaadin-login-form vaadin-button").first().click();
        page.waitForURL(u -> !u.contains("/login"));
        waitForVaadin(page);
    }

    /** A fresh context signed in as one of the seeded test users ("clinician", "admin", …). */
    public Page signedIn(String username) {
        return signedIn(username, username + TEST_PASSWORD);
    }

    /** A fresh context signed in as a user the test made (with the password it was given). */
    public Page signedIn(String username, String password) {
        Page page = newPage();
        signIn(page, username, password);
        return page;
    }

    /** Room for several people at once, each in a browser context of their own; use it with try-with-resources. */
    public People people() {
        return new People();
    }

    /** Signs a page in as one of the seeded test users, with that user's test password. */
    public void signIn(Page page, String username) {
        signIn(page, username, username + TEST_PASSWORD);
    }

    /**
     * Scrolls the element to the top of the viewport and returns once the browser has painted that position (two
     * animation frames): a screenshot or a position check right after it sees the scrolled page, without a fixed wait.
     */
    public static void scrollToTop(Page page, String selector) {
        page.evaluate("s => new Promise(done => { document.querySelector(s).scrollIntoView({block: 'start'});"
                + " requestAnimationFrame(() => requestAnimationFrame(done)); })", selector);
    }

    public static Path screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path file = SCREENSHOTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    @Override
    public void close() {
        if (browser != null) {
            browser.close();
            playwright.close();
            browser = null;
        }
    }

    /**
     * Several people signed in at once (a meeting's presenter and followers), each in a browser context of their
     * own; closing it closes every one of them, also when the test failed half-way.
     */
    public final class People implements AutoCloseable {

        private final List<BrowserContext> contexts = new ArrayList<>();

        /** One more person, signed in as one of the seeded test users. */
        public Page signedIn(String username) {
            return signedIn(username, username + TEST_PASSWORD);
        }

        /** One more person, signed in as a user the test made. */
        public Page signedIn(String username, String password) {
            Page page = newPage();
            contexts.add(page.context());
            signIn(page, username, password);
            return page;
        }

        @Override
        public void close() {
            contexts.forEach(BrowserContext::close);
            contexts.clear();
        }
    }
}
