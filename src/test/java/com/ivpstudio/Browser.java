package com.ivpstudio;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Debian's Chromium driven by Playwright (no browser download), one per test class. Screenshots go to
 * target/screenshots so that a person can look at what each flow showed.
 *
 * <p>A browser IT declares {@code @RegisterExtension static final Browser browser = Browser.perTestClass();}: it
 * starts before the class's first test, on the port the app runs on, and closes after its last.
 */
public final class Browser implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

    public static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final String CHROMIUM = System.getenv().getOrDefault("IVP_CHROMIUM", "/usr/bin/chromium");

    /** The password every seeded test user has: the user name and "-test-password". */
    private static final String TEST_PASSWORD = "-test-password";

    private Playwright playwright;
    private com.microsoft.playwright.Browser browser;
    private String baseUrl;

    public Browser(int port) {
        start(port);
    }

    private Browser() {
    }

    /** A browser that starts when the test class's app is up and closes after the class (a JUnit extension). */
    public static Browser perTestClass() {
        return new Browser();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (browser == null) {
            start(SpringExtension.getApplicationContext(context).getEnvironment()
                    .getRequiredProperty("local.server.port", Integer.class));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            close();
            browser = null;
        }
    }

    private void start(int port) {
        this.baseUrl = "http://localhost:" + port;
        this.playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        this.browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(CHROMIUM))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    /** A fresh, signed-out browser context (its own cookies). */
    public Page newPage() {
        BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1400, 900)
                .setBaseURL(baseUrl));
        context.setDefaultTimeout(30_000);
        return context.newPage();
    }

    /** A fresh, signed-out browser context with the given options (viewport, user agent …) and this app's base URL. */
    public Page newPage(com.microsoft.playwright.Browser.NewContextOptions options) {
        BrowserContext context = browser.newContext(options.setBaseURL(baseUrl));
        context.setDefaultTimeout(30_000);
        return context.newPage();
    }

    public String url(String path) {
        return baseUrl + (path.startsWith("/") ? path : "/" + path);
    }

    /** Opens a path and waits until Vaadin has rendered it. */
    public void open(Page page, String path) {
        page.navigate(url(path));
        waitForVaadin(page);
    }

    public static void waitForVaadin(Page page) {
        page.waitForFunction("() => window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients"
                + " && Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive || !c.isActive())");
    }

    public void signIn(Page page, String username, String password) {
        open(page, "/login");
        page.locator("vaadin-login-form input[name=username]").fill(username);
        page.locator("vaadin-login-form input[name=password]").fill(password);
        page.locator("vaadin-login-form vaadin-button[slot=submit], vaadin-login-form vaadin-button").first().click();
        page.waitForURL(u -> !u.contains("/login"), new Page.WaitForURLOptions().setTimeout(30_000));
        waitForVaadin(page);
    }

    /** A fresh context signed in as one of the seeded test users ("clinician", "admin", …). */
    public Page signedIn(String username) {
        Page page = newPage();
        signIn(page, username);
        return page;
    }

    /** Signs a page in as one of the seeded test users, with that user's test password. */
    public void signIn(Page page, String username) {
        signIn(page, username, username + TEST_PASSWORD);
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
        browser.close();
        playwright.close();
    }
}
