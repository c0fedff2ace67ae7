package com.ivpstudio.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A page's own requests to the parts of Vaadin that would start a session for them (the app's icons, web manifest,
 * offline page and service-worker precache list, the app shell the service worker caches, generated images, the push
 * connection) get 403 and no new session when they carry a session id the server no longer knows; only a page
 * navigation may start one. Signing in replaces the session id (protection against session fixation) while the
 * sign-in page or the app's service worker may still fetch one of these with the old id (Chromium fetches the
 * manifest and icons lazily); answered normally, such a request made a fresh anonymous session whose cookie could
 * reach the browser after the signed-in one and replace it: the user landed on the sign-in page again right after
 * signing in (seen in CI). A browser says which requests are navigations ({@code Sec-Fetch-Mode}); a client that does
 * not say is served as before. Vaadin's own requests are not filtered: UIDL and heartbeat (Vaadin tells the page that
 * its session expired, without making one) and init (a navigation's continuation: a page opened with an expired id
 * gets its new session there); nor are pages served without a session (patient links, static files).
 */
class StaleSessionSubrequestFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String mode = request.getHeader("Sec-Fetch-Mode");
        if (mode != null && !mode.equals("navigate") && !isVaadinClientRequest(request)
                && request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid()) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setHeader("Cache-Control", "no-store");
            return;
        }
        chain.doFilter(request, response);
    }

    /** UIDL, heartbeat, a page's first state ({@code v-r=init}): Vaadin's own requests to the app's root. */
    private static boolean isVaadinClientRequest(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURI().equals(request.getContextPath() + "/")
                && query != null && (query.startsWith("v-r=") || query.contains("&v-r="));
    }

    @Configuration
    static class Registration {

        @Bean
        FilterRegistrationBean<StaleSessionSubrequestFilter> staleSessionSubrequestFilter() {
            FilterRegistrationBean<StaleSessionSubrequestFilter> bean =
                    new FilterRegistrationBean<>(new StaleSessionSubrequestFilter());
            // before Spring Security and Vaadin: neither may make a session for such a request
            bean.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 2);
            // measured: of the requests a page or the service worker makes, these made a new session for a replaced id
            // (the root: the service worker caches the app shell; StaleSessionSubrequestIT replays every request)
            bean.addUrlPatterns("/", "/icons/*", "/manifest.webmanifest", "/offline.html", "/offline-stub.html",
                    "/sw-runtime-resources-precache.js",
                    "/favicon.ico", "/VAADIN/push", "/VAADIN/push/*", "/VAADIN/dynamic/*");
            return bean;
        }
    }
}
