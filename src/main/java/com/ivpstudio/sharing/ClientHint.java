package com.ivpstudio.sharing;

import java.util.Locale;

/** A coarse description of the client that opened a link: browser family and phone/tablet/desktop, nothing more. */
record ClientHint(String browser, String device) {

    static ClientHint of(String userAgent) {
        String ua = userAgent == null ? "" : userAgent.toLowerCase(Locale.ROOT);
        return new ClientHint(browser(ua), device(ua));
    }

    private static String browser(String ua) {
        // Order matters: Edge, Opera and Samsung Internet also say "chrome"; Chrome also says "safari".
        if (ua.contains("edg/") || ua.contains("edga/") || ua.contains("edgios/")) {
            return "Edge";
        }
        if (ua.contains("opr/") || ua.contains("opera")) {
            return "Opera";
        }
        if (ua.contains("samsungbrowser/")) {
            return "Samsung Internet";
        }
        if (ua.contains("firefox/") || ua.contains("fxios/")) {
            return "Firefox";
        }
        if (ua.contains("chrome/") || ua.contains("crios/") || ua.contains("chromium/")) {
            return "Chrome";
        }
        if (ua.contains("safari/")) {
            return "Safari";
        }
        return "Other";
    }

    private static String device(String ua) {
        if (ua.contains("ipad") || ua.contains("tablet") || (ua.contains("android") && !ua.contains("mobile"))) {
            return "tablet";
        }
        if (ua.contains("mobi") || ua.contains("iphone") || ua.contains("android")) {
            return "phone";
        }
        return "desktop";
    }

    String describe() {
        return browser + " · " + device;
    }
}
