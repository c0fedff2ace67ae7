package com.ivpstudio;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * What a failed browser test leaves behind so that a failure seen once (on a loaded CI machine) can be understood
 * afterwards: a screenshot of every page still open, each page's address and what the Vaadin client was doing, and
 * a dump of the app's threads (the app runs in the test's JVM) and the test's {@link PageJournal}, under
 * target/failure-evidence. The summary (with the journal's last lines) goes into the failure message, which is what a
 * CI log shows.
 */
final class FailureEvidence {

    static final Path DIR = Paths.get("target", "failure-evidence");

    private FailureEvidence() {
    }

    /** Records the evidence for a test and returns its summary: open pages, busy threads, the journal's last lines. */
    static String record(String testName, List<BrowserContext> contexts, PageJournal journal) {
        List<String> pages = new ArrayList<>();
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve(testName + "-threads.txt"), threadDump());
            Files.write(DIR.resolve(testName + "-pages.txt"), journal.lastEntries(Integer.MAX_VALUE));
            int n = 0;
            for (BrowserContext context : contexts) {
                for (Page page : context.pages()) {
                    pages.add(describe(page, DIR.resolve(testName + "-page" + (++n) + ".png")));
                }
            }
        } catch (IOException | RuntimeException e) {
            pages.add("evidence incomplete: " + e.getClass().getSimpleName());
        }
        return "open pages: " + (pages.isEmpty() ? "none" : String.join(" | ", pages))
                + "; busy app threads: " + busyAppThreads() + "; evidence in " + DIR
                + "\nwhat the pages did last:\n  " + String.join("\n  ", journal.lastEntries(12));
    }

    private static String describe(Page page, Path screenshot) {
        try {
            page.screenshot(new Page.ScreenshotOptions().setPath(screenshot).setFullPage(true).setTimeout(5_000));
            Object state = page.evaluate("() => {"
                    + " const c = window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients || {};"
                    + " const active = Object.entries(c).filter(([k, v]) => v.isActive && v.isActive()).map(([k]) => k);"
                    + " const text = (document.body ? document.body.innerText : '').replace(/\\s+/g, ' ').slice(0, 160);"
                    + " return 'clients ' + Object.keys(c).length + ', active ' + JSON.stringify(active)"
                    + "   + ', loading ' + !!document.querySelector('vaadin-connection-indicator[loading]')"
                    + "   + ', text \"' + text + '\"'; }");
            return page.url() + " (" + state + ")";
        } catch (RuntimeException e) {
            return page.url() + " (unreadable: " + e.getClass().getSimpleName() + ")";
        }
    }

    /** The app's own threads that are runnable or waiting inside IVP code: where a stalled request would show. */
    private static String busyAppThreads() {
        List<String> busy = new ArrayList<>();
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            if (t.getThreadName().equals(Thread.currentThread().getName())) {
                continue;
            }
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().startsWith("com.ivpstudio.")) {
                    busy.add(t.getThreadName() + "@" + frame.getClassName().replaceAll(".*\\.", "") + "."
                            + frame.getMethodName() + "(" + t.getThreadState() + ")");
                    break;
                }
            }
        }
        return busy.isEmpty() ? "none" : String.join(", ", busy);
    }

    private static String threadDump() {
        StringBuilder out = new StringBuilder();
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            out.append('"').append(t.getThreadName()).append("\" ").append(t.getThreadState());
            if (t.getLockName() != null) {
                out.append(" on ").append(t.getLockName());
            }
            if (t.getLockOwnerName() != null) {
                out.append(" owned by \"").append(t.getLockOwnerName()).append('"');
            }
            out.append('\n');
            for (StackTraceElement frame : t.getStackTrace()) {
                out.append("    at ").append(frame).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }
}
