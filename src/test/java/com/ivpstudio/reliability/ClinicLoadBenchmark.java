package com.ivpstudio.reliability;

import com.ivpstudio.Browser;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clinicians in real Chromium against a running deployment (one node or HAProxy in front of several): each signs in,
 * then repeats "open a case → four predicted views on screen → compute the nudge strip" for the given time. Prints
 * requests, p50/p95 of click-to-four-views and of the strip, errors and busy answers. A benchmark, not a test:
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *   com.ivpstudio.reliability.ClinicLoadBenchmark http://localhost:8088 10 300 clinician $IVP_CLINICIAN_PASSWORD</pre>
 *
 * Each virtual clinician has its own Playwright and Chromium (Playwright objects belong to one thread), so the client
 * side costs CPU and memory on the machine that runs it: say so next to the numbers.
 */
public final class ClinicLoadBenchmark {

    private static final int DEMO_CASES = 13;

    private final String baseUrl;
    private final String username;
    private final String password;
    private final ConcurrentLinkedQueue<Long> viewsMillis = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> stripMillis = new ConcurrentLinkedQueue<>();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger signIns = new AtomicInteger();
    private final AtomicInteger signInErrors = new AtomicInteger();

    ClinicLoadBenchmark(String baseUrl, String username, String password) {
        this.baseUrl = baseUrl;
        this.username = username;
        this.password = password;
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 5) {
            System.err.println("usage: ClinicLoadBenchmark BASE_URL USERS SECONDS USERNAME PASSWORD");
            System.exit(2);
        }
        ClinicLoadBenchmark run = new ClinicLoadBenchmark(args[0], args[3], args[4]);
        run.drive(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    }

    void drive(int users, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> clinicians = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            Thread clinician = new Thread(() -> work(end), "clinician-" + i);
            clinicians.add(clinician);
            clinician.start();
            Thread.sleep(200); // a ramp, so sign-ins do not all land in the same second
        }
        for (Thread clinician : clinicians) {
            clinician.join();
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"users\":%d,\"seconds\":%d,\"sign_ins\":%d,\"sign_in_errors\":%d,\"case_views\":%d,"
                        + "\"views_p50_ms\":%d,\"views_p95_ms\":%d,\"strips\":%d,\"strip_p50_ms\":%d,"
                        + "\"strip_p95_ms\":%d,\"errors\":%d,\"busy\":%d}",
                users, seconds, signIns.get(), signInErrors.get(), viewsMillis.size(), percentile(viewsMillis, 50),
                percentile(viewsMillis, 95), stripMillis.size(), percentile(stripMillis, 50),
                percentile(stripMillis, 95), errors.get(), busy.get()));
    }

    private void work(long end) {
        int port = Integer.parseInt(baseUrl.replaceAll(".*:(\\d+).*", "$1"));
        try (Browser browser = new Browser(port)) {
            Page page = browser.newPage();
            boolean signedIn = false;
            while (System.nanoTime() < end) {
                if (!signedIn) {
                    // A sign-in that times out on a saturated machine is counted and tried again: a clinician who
                    // gave up after the first attempt would make the load lighter than the number of users says.
                    signedIn = signIn(browser, page);
                    continue;
                }
                long caseId = 1 + ThreadLocalRandom.current().nextInt(DEMO_CASES);
                try {
                    long t0 = System.nanoTime();
                    page.navigate(browser.url("/cases/" + caseId));
                    page.waitForFunction("() => { const imgs = [...document.querySelectorAll('#view-grid img.predicted-img')];"
                            + " return imgs.length === 4 && imgs.every(i => i.src.startsWith('data:image/png')"
                            + " && i.complete && i.naturalWidth > 0); }", null,
                            new Page.WaitForFunctionOptions().setTimeout(120_000));
                    viewsMillis.add((System.nanoTime() - t0) / 1_000_000);
                    browser.open(page, "/studio/nudge/" + caseId);
                    long t1 = System.nanoTime();
                    page.locator("#nudge-compute").click();
                    page.waitForSelector("#nudge-scrubber[ready], #nudge-status:has-text('busy')",
                            new Page.WaitForSelectorOptions().setTimeout(180_000));
                    if (page.locator("#nudge-scrubber[ready]").count() > 0) {
                        stripMillis.add((System.nanoTime() - t1) / 1_000_000);
                    } else {
                        busy.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    errors.incrementAndGet();
                    signedIn = !page.url().contains("/login");
                }
            }
        } catch (RuntimeException e) {
            errors.incrementAndGet();
        }
    }

    private boolean signIn(Browser browser, Page page) {
        try {
            browser.signIn(page, username, password);
            signIns.incrementAndGet();
            return true;
        } catch (RuntimeException e) {
            signInErrors.incrementAndGet();
            return false;
        }
    }

    private static long percentile(ConcurrentLinkedQueue<Long> samples, int p) {
        List<Long> sorted = new ArrayList<>(samples);
        if (sorted.isEmpty()) {
            return -1;
        }
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
