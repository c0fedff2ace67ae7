package com.ivpstudio.security;

/**
 * The Content-Security-Policy of every page. Everything comes from the app itself; nothing may frame it, and forms
 * post only back to it. Two relaxations are Vaadin Flow's needs, checked in Chromium (SecurityHeadersIT reports any
 * violation on sign-in, the case page, the studio, the scrubber and uploads):
 * <ul>
 *   <li>{@code script-src 'unsafe-inline' 'unsafe-eval'}: the bootstrap page carries inline scripts, and Flow runs
 *       every {@code executeJs} / {@code callJsFunction} through {@code new Function(...)};</li>
 *   <li>{@code style-src 'unsafe-inline'}: components and {@code Style.set(...)} write inline styles.</li>
 * </ul>
 * Images are {@code data:} (icons) and {@code blob:} (photo previews); push uses a same-origin WebSocket, which
 * {@code 'self'} covers.
 */
final class ContentSecurityPolicy {

    static final String POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private ContentSecurityPolicy() {
    }
}
