package com.ivpstudio.sharing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ivpstudio.language.Translations;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The patient page, outside the staff app: /p/{token} (the page or its passcode form), /p/{token}/img/{n} (the
 * n-th image of this link only), /p/{token}/frames/{s} (a strip's frames for the scrubber, fetched once),
 * /p/{token}/handout.pdf, and /p/assets/* (its scripts). Anything that is not an open link — unknown, expired,
 * revoked, another link's image, a path that does not exist — gets the same plain page with the same status.
 */
@Controller
@RequestMapping("/p")
class PatientPageController {

    static final String GRANT_COOKIE = "ivp-share";
    private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PatientAccessService access;
    private final ShareThrottle throttle;
    private final PassGrant grants;
    private final PatientPageAssets assets;
    private final ShareAddress address;
    private final Clock clock = Clock.systemUTC();
    private final Translations translations;

    PatientPageController(PatientAccessService access, ShareThrottle throttle, PassGrant grants,
            PatientPageAssets assets, ShareAddress address, Translations translations) {
        this.translations = translations;
        this.access = access;
        this.address = address;
        this.throttle = throttle;
        this.grants = grants;
        this.assets = assets;
    }

    @GetMapping("/{token}")
    ResponseEntity<?> page(@PathVariable String token, HttpServletRequest request) {
        return withLink(token, request, link -> {
            String base = base(token);
            if (!granted(link, token, request)) {
                return html(HttpStatus.OK, PatientPageHtml.passcodeForm(link, access.settings(), base, null,
                        text(request)));
            }
            access.recordOpen(link, request.getHeader(HttpHeaders.USER_AGENT), request.getRemoteAddr());
            return html(HttpStatus.OK, PatientPageHtml.page(link, access.content(link, request.getLocale()),
                    access.settings(), access.patientCode(link), base, text(request)));
        });
    }

    @PostMapping("/{token}")
    ResponseEntity<?> passcode(@PathVariable String token, @RequestParam(defaultValue = "") String passcode,
            HttpServletRequest request) {
        return withLink(token, request, link -> {
            String client = request.getRemoteAddr();
            String base = base(token);
            PatientText t = text(request);
            if (!link.hasPasscode()) {
                return redirect(base, null);
            }
            Duration wait = throttle.passcodeWait(link.id(), client);
            if (!wait.isZero()) {
                return html(HttpStatus.TOO_MANY_REQUESTS, PatientPageHtml.passcodeForm(link, access.settings(), base,
                        t.get("sharing.patient.passcode.too-many", WaitTime.describe(wait, t)), t));
            }
            if (!access.passcodeMatches(link, passcode)) {
                throttle.passcodeFailed(link.id(), client);
                Duration next = throttle.passcodeWait(link.id(), client);
                String error = next.isZero()
                        ? t.get("sharing.patient.passcode.wrong", throttle.passcodeTriesLeft(link.id(), client))
                        : t.get("sharing.patient.passcode.wrong-wait", WaitTime.describe(next, t));
                return html(next.isZero() ? HttpStatus.OK : HttpStatus.TOO_MANY_REQUESTS,
                        PatientPageHtml.passcodeForm(link, access.settings(), base, error, t));
            }
            ResponseCookie cookie = ResponseCookie.from(GRANT_COOKIE, grants.issue(ShareTokens.hash(token), clock.instant()))
                    .path(base).httpOnly(true).secure(request.isSecure()).sameSite("Lax")
                    .maxAge(PassGrant.LIFETIME).build();
            return redirect(base, cookie);
        });
    }

    @GetMapping("/{token}/img/{index}")
    ResponseEntity<?> image(@PathVariable String token, @PathVariable String index, HttpServletRequest request) {
        return withLink(token, request, link -> {
            Optional<SharedImage> image = granted(link, token, request)
                    ? parse(index).flatMap(access.content(link, request.getLocale())::image) : Optional.empty();
            if (image.isEmpty()) {
                return unavailable(request);
            }
            // the mark in the image is in the reader's language
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(image.get().contentType()))
                    .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE).body(image.get().bytes());
        });
    }

    @GetMapping("/{token}/frames/{section}")
    ResponseEntity<?> frames(@PathVariable String token, @PathVariable String section, HttpServletRequest request) {
        return withLink(token, request, link -> {
            SharedContent content = access.content(link, request.getLocale());
            Optional<SharedSection> s = granted(link, token, request) ? parse(section)
                    .filter(i -> i < content.sections().size()).map(content.sections()::get) : Optional.empty();
            if (s.isEmpty()) {
                return unavailable(request);
            }
            ArrayNode frames = JSON.createArrayNode();
            String base = base(token);
            PatientText t = text(request);
            for (SharedSection.Frame f : s.get().frames()) {
                ObjectNode frame = frames.addObject();
                frame.put("label", f.label());
                ArrayNode images = frame.putArray("images");
                for (SharedImage i : f.images()) {
                    images.addObject().put("view", i.view()).put("src", base + "/img/" + i.index())
                            .put("alt", t.get("sharing.patient.simulated-alt", t.view(i))).put("label", t.view(i));
                }
            }
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(frames.toString());
        });
    }

    @GetMapping("/{token}/handout.pdf")
    ResponseEntity<?> handout(@PathVariable String token, HttpServletRequest request) {
        return withLink(token, request, link -> {
            if (!granted(link, token, request)) {
                return unavailable(request);
            }
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"treatment-preview.pdf\"")
                    .body(access.handout(link, address.linkFor(token, request), text(request).locale()));
        });
    }

    @GetMapping("/assets/{name}")
    ResponseEntity<?> asset(@PathVariable String name, HttpServletRequest request) {
        return assets.script(name)
                .<ResponseEntity<?>>map(bytes -> ResponseEntity.ok()
                        .contentType(new MediaType("text", "javascript", java.nio.charset.StandardCharsets.UTF_8))
                        .cacheControl(CacheControl.maxAge(Duration.ofHours(1)))
                        .body(bytes))
                .orElseGet(() -> unavailable(request));
    }

    /** Whatever else under /p/: the same plain page as an unknown link. */
    @RequestMapping("/**")
    ResponseEntity<?> anythingElse(HttpServletRequest request) {
        return unavailable(request);
    }

    private interface LinkHandler {
        ResponseEntity<?> handle(ShareLink link);
    }

    /**
     * Throttles guessing per client, then hands an open link on; unknown, expired and revoked tokens all take the
     * same path (one indexed look-up of the hash) to the same page.
     */
    private ResponseEntity<?> withLink(String token, HttpServletRequest request, LinkHandler handler) {
        String client = request.getRemoteAddr();
        Duration wait = throttle.guessWait(client);
        if (!wait.isZero()) {
            PatientText t = text(request);
            return html(HttpStatus.TOO_MANY_REQUESTS, PatientPageHtml.throttled(WaitTime.describe(wait, t), t));
        }
        Optional<ShareLink> link = access.openLink(token);
        if (link.isEmpty()) {
            throttle.guessMissed(client);
            return unavailable(request);
        }
        return handler.handle(link.get());
    }

    private boolean granted(ShareLink link, String token, HttpServletRequest request) {
        if (!link.hasPasscode()) {
            return true;
        }
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return false;
        }
        for (Cookie c : cookies) {
            if (GRANT_COOKIE.equals(c.getName()) && grants.valid(c.getValue(), ShareTokens.hash(token), clock.instant())) {
                return true;
            }
        }
        return false;
    }

    private ResponseEntity<?> unavailable(HttpServletRequest request) {
        return html(HttpStatus.NOT_FOUND, PatientPageHtml.unavailable(text(request)));
    }

    /** The patient's own language: their browser's Accept-Language (see {@link PatientText}). */
    private PatientText text(HttpServletRequest request) {
        return PatientText.of(translations, request.getLocale());
    }

    private static ResponseEntity<?> html(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(HTML).body(body);
    }

    private static ResponseEntity<?> redirect(String location, ResponseCookie cookie) {
        ResponseEntity.BodyBuilder b = ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, location);
        if (cookie != null) {
            b.header(HttpHeaders.SET_COOKIE, cookie.toString());
        }
        return b.build();
    }

    private static Optional<Integer> parse(String number) {
        return number.matches("\\d{1,6}") ? Optional.of(Integer.parseInt(number)) : Optional.empty();
    }

    private static String base(String token) {
        return ShareAddress.PATH + token;
    }
}
