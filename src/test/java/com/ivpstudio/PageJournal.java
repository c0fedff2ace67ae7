package com.ivpstudio;

import com.microsoft.playwright.Page;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What the pages of one test did, kept after they close: navigations, the app's requests with their status (a
 * Vaadin uiId that starts again at 0 after sign-in is a new session), websockets, failed requests, console and
 * script errors, newest last. A browser test's pages are usually closed (try-with-resources) by
 * the time its failure is handled, so this is the only trace of what a page was waiting for when it timed out.
 */
final class PageJournal {

    private static final int KEPT = 200;

    private final Deque<String> entries = new ArrayDeque<>();
    private int pages;

    /** Starts following a new page. */
    synchronized void follow(Page page) {
        String name = "p" + (++pages);
        page.onFrameNavigated(f -> quietly(() -> {
            if (f.parentFrame() == null) {
                add(name, "navigated " + path(f.url()));
            }
        }));
        // the context's requests: the page's and its service worker's (which fetches the app's icons and offline
        // page). Only what the event carries is read: a call back into Playwright from a listener (an answer's
        // headers) re-enters the connection and hung a whole test run.
        page.context().onResponse(r -> quietly(() -> {
            if (isApp(r.url())) {
                add(name, r.request().method() + " " + path(r.url()) + " → " + r.status());
            }
        }));
        page.context().onRequestFailed(r -> quietly(
                () -> add(name, r.method() + " " + path(r.url()) + " failed: " + r.failure())));
        page.onConsoleMessage(m -> quietly(() -> {
            if (("error".equals(m.type()) || "warning".equals(m.type())) && !m.text().contains("lit.dev/msg")) {
                add(name, "console " + m.type() + ": " + m.text());
            }
        }));
        page.onPageError(e -> quietly(() -> add(name, "script error: " + e)));
        page.onWebSocket(w -> quietly(() -> {
            add(name, "websocket " + path(w.url()));
            w.onClose(x -> quietly(() -> add(name, "websocket closed")));
        }));
        page.onClose(p -> quietly(() -> add(name, "closed")));
    }

    /**
     * A record of a page must never fail the test: reading a request's answer while its context closes throws, and
     * an exception in a listener would surface in whatever Playwright call the test was making.
     */
    private static void quietly(Runnable record) {
        try {
            record.run();
        } catch (RuntimeException e) {
            // the page or its context is gone; what it did last is already recorded
        }
    }

    synchronized void clear() {
        entries.clear();
        pages = 0;
    }

    synchronized List<String> lastEntries(int n) {
        List<String> all = new ArrayList<>(entries);
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    private synchronized void add(String page, String what) {
        String line = LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + page + " " + what;
        entries.addLast(line.length() > 300 ? line.substring(0, 300) + "…" : line);
        while (entries.size() > KEPT) {
            entries.removeFirst();
        }
    }

    /**
     * Static files (scripts, styles, fonts) say nothing about a stalled page; the app's icons are kept (they can be
     * fetched late, and once made a session).
     */
    private static boolean isApp(String url) {
        String p = path(url);
        return !(p.startsWith("/VAADIN/build") || p.startsWith("/VAADIN/static") || p.startsWith("/themes")
                || p.startsWith("/frontend") || p.endsWith(".js") || p.endsWith(".css")
                || p.endsWith(".woff2") || p.endsWith(".svg"));
    }

    private static String path(String url) {
        int at = url.indexOf("://");
        int slash = at < 0 ? -1 : url.indexOf('/', at + 3);
        String p = slash < 0 ? url : url.substring(slash);
        return p.length() > 120 ? p.substring(0, 120) + "…" : p;
    }
}
