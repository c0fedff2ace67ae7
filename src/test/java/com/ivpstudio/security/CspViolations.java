package com.ivpstudio.security;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects every Content-Security-Policy violation a browser context sees: the page's own
 * {@code securitypolicyviolation} events (reported through a binding, so they survive navigation) and Chromium's
 * console errors about refused content.
 */
final class CspViolations {

    private final List<String> seen = new CopyOnWriteArrayList<>();

    CspViolations(BrowserContext context) {
        context.exposeBinding("ivpReportCspViolation", (source, args) -> {
            seen.add("event: " + args[0]);
            return null;
        });
        context.addInitScript("document.addEventListener('securitypolicyviolation', e => "
                + "window.ivpReportCspViolation(e.violatedDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile"
                + " + ':' + e.lineNumber));");
    }

    void watch(Page page) {
        page.onConsoleMessage(m -> {
            String text = m.text();
            if (text.contains("Content Security Policy") || text.contains("Refused to")) {
                seen.add("console " + m.type() + ": " + text);
            }
        });
    }

    List<String> seen() {
        return List.copyOf(seen);
    }
}
