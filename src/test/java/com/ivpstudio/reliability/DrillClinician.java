package com.ivpstudio.reliability;

import com.ivpstudio.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One user in real Chromium, driven line by line from standard input, so that docker/fault-drills.sh can act between
 * the faults it causes: {@code signin USER PASSWORD}, {@code views CASE_ID}, {@code photo CASE_ID FILE},
 * {@code bundle FILE}, {@code activate-uploaded}, {@code activate BUNDLE_ID}, {@code open PATH}, {@code shot NAME},
 * {@code quit}. Each command answers one line, {@code OK ...} or {@code FAIL ...}, with the node that answered
 * (HAProxy's IVPNODE cookie). A drill tool, not a test.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *   com.ivpstudio.reliability.DrillClinician 18080</pre>
 */
public final class DrillClinician {

    private static final String FOUR_VIEWS = "() => { const imgs = [...document.querySelectorAll("
            + "'#view-grid img.predicted-img')]; return imgs.length === 4 && imgs.every(i => i.src.startsWith("
            + "'data:image/png') && i.complete && i.naturalWidth > 0); }";

    private final Browser browser;
    private final Page page;

    private DrillClinician(int port) {
        this.browser = new Browser(port);
        this.page = browser.newPage();
    }

    public static void main(String[] args) throws IOException {
        DrillClinician user = new DrillClinician(Integer.parseInt(args[0]));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                System.out.println(user.answer(line.trim().split("\\s+")));
                System.out.flush();
            }
        } finally {
            user.browser.close();
        }
    }

    private String answer(String[] cmd) {
        long t0 = System.nanoTime();
        try {
            String said = switch (cmd[0]) {
                case "signin" -> signIn(cmd[1], cmd[2]);
                case "views" -> views(Long.parseLong(cmd[1]));
                case "photo" -> photo(Long.parseLong(cmd[1]), Path.of(cmd[2]));
                case "bundle" -> bundle(Path.of(cmd[1]));
                case "activate-uploaded" -> activate("#activate-uploaded");
                case "activate" -> activate("#activate-" + Long.parseLong(cmd[1]));
                case "shot" -> Browser.screenshot(page, cmd[1]).toString();
                case "open" -> {
                    browser.open(page, cmd[1]);
                    yield page.url();
                }
                default -> throw new IllegalArgumentException("unknown command " + cmd[0]);
            };
            return "OK " + cmd[0] + " ms=" + (System.nanoTime() - t0) / 1_000_000 + " node=" + node() + " " + said;
        } catch (RuntimeException | IOException e) {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            return "FAIL " + cmd[0] + " ms=" + (System.nanoTime() - t0) / 1_000_000 + " node=" + node() + " url="
                    + page.url() + " " + e.getClass().getSimpleName() + ": " + message;
        }
    }

    private String signIn(String username, String password) {
        browser.signIn(page, username, password);
        return "";
    }

    /** The four predicted views of a case, answered as fingerprints, so that two models' outputs can be told apart. */
    private String views(long caseId) {
        page.navigate(browser.url("/cases/" + caseId));
        if (page.url().contains("/login")) {
            throw new IllegalStateException("signed out");
        }
        page.waitForFunction(FOUR_VIEWS, null, new Page.WaitForFunctionOptions().setTimeout(90_000));
        @SuppressWarnings("unchecked")
        List<String> sources = (List<String>) page.evaluate("() => [...document.querySelectorAll("
                + "'#view-grid img.predicted-img')].map(i => i.dataset.view + '=' + i.src)");
        StringBuilder views = new StringBuilder("views=");
        for (String s : sources.stream().sorted().toList()) {
            views.append(s, 0, s.indexOf('=')).append(':').append(sha256(s.substring(s.indexOf('=') + 1)), 0, 12)
                    .append(',');
        }
        return views.toString();
    }

    private String photo(long caseId, Path file) throws IOException {
        Browser.waitForVaadin(page);
        if (!page.url().endsWith("/cases/" + caseId)) {
            browser.open(page, "/cases/" + caseId);
        }
        int before = page.locator("#upload-messages > span").count();
        page.locator("#photo-upload input[type=file]").setInputFiles(
                new FilePayload(file.getFileName().toString(), "image/jpeg", Files.readAllBytes(file)));
        page.waitForFunction("n => document.querySelectorAll('#upload-messages > span').length > n", before,
                new Page.WaitForFunctionOptions().setTimeout(120_000));
        return "says=\"" + page.locator("#upload-messages > span").first().textContent() + "\"";
    }

    private String bundle(Path zip) throws IOException {
        browser.open(page, "/admin/models");
        page.waitForSelector("#model-upload", new Page.WaitForSelectorOptions().setTimeout(60_000));
        page.locator("#model-upload input[type=file]").setInputFiles(
                new FilePayload(zip.getFileName().toString(), "application/zip", Files.readAllBytes(zip)));
        page.waitForSelector("#upload-status[data-state=ok], #upload-status[data-state=error]",
                new Page.WaitForSelectorOptions().setTimeout(180_000));
        return "state=" + page.locator("#upload-status").getAttribute("data-state") + " says=\""
                + page.locator("#upload-status").textContent().strip() + "\"";
    }

    private String activate(String button) {
        if (!button.equals("#activate-uploaded")) {
            browser.open(page, "/admin/models"); // a fresh status line, so the wait below sees this switch's outcome
        }
        // the versions grid scrolls sideways and the button can sit outside its visible part: a DOM click reaches it
        page.locator(button).dispatchEvent("click");
        page.waitForSelector("#upload-status[data-state=ok]:has-text('active model'), #upload-status[data-state=error]",
                new Page.WaitForSelectorOptions().setTimeout(120_000));
        return "state=" + page.locator("#upload-status").getAttribute("data-state") + " says=\""
                + page.locator("#upload-status").textContent().strip() + "\"";
    }

    private String node() {
        try {
            return page.context().cookies().stream().filter(c -> c.name.equals("IVPNODE")).map(c -> c.value)
                    .findFirst().orElse("-");
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
