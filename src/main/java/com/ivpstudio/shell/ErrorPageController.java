package com.ivpstudio.shell;

import com.vaadin.flow.i18n.I18NProvider;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * Answers the container's error path (/error) in place of Boot's BasicErrorController, whose HTML answer looked for
 * a view named "error", found none (whitelabel off) and failed with "Circular view path [error]": Tomcat's own 500
 * page and ~380 stack-trace lines per request. Here every error gets its real status, a short page with a title and
 * a reference, and ONE log line with that reference (type only: exception messages may quote user input, and the
 * query string is never logged). Opening /error directly is a page that does not exist: 404. The page speaks the
 * browser's language (its Accept-Language), as the app's screens do before sign-in.
 */
@Controller
class ErrorPageController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorPageController.class);

    private final I18NProvider translations;

    ErrorPageController(I18NProvider translations) {
        this.translations = translations;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<String> error(HttpServletRequest request) {
        HttpStatus status = status(request);
        String reference = ErrorReference.next();
        Object failedPath = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Object path = failedPath == null ? request.getRequestURI() : failedPath;
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String type = failure == null ? "" : ": " + failure.getClass().getName();
        if (status.is5xxServerError()) {
            log.error("HTTP {} for {} {}, reference {}{}", status.value(), request.getMethod(), path, reference, type);
        } else {
            log.info("HTTP {} for {} {}, reference {}{}", status.value(), request.getMethod(), path, reference, type);
        }
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body(page(status, reference, request.getLocale()));
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer value)) {
            return HttpStatus.NOT_FOUND;
        }
        HttpStatus status = HttpStatus.resolve(value);
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    private String page(HttpStatus status, String reference, java.util.Locale locale) {
        String kind = switch (status) {
            case NOT_FOUND -> "not-found";
            case FORBIDDEN -> "forbidden";
            case UNAUTHORIZED -> "unauthorized";
            default -> status.is4xxClientError() ? "refused" : "failed";
        };
        String title = translations.getTranslation("shell.error-page." + kind + ".title", locale);
        return """
                <!DOCTYPE html>
                <html lang="%s">
                <head><meta charset="utf-8"><title>%s</title></head>
                <body style="font-family: sans-serif; margin: 3em;">
                <h1>%s</h1>
                <p>%s</p>
                <p>%s</p>
                <p><a href="/">%s</a></p>
                </body>
                </html>
                """.formatted(HtmlUtils.htmlEscape(language(locale), "UTF-8"),
                text("shell.error-page.page-title", locale, title), HtmlUtils.htmlEscape(title, "UTF-8"),
                text("shell.error-page." + kind + ".text", locale),
                text("shell.error-page.status", locale, Integer.toString(status.value()), reference),
                text("shell.error-page.back", locale));
    }

    /** The language the page is written in: the browser's when shipped, else English (the fallback). */
    private String language(java.util.Locale locale) {
        return translations.getProvidedLocales().stream().map(java.util.Locale::getLanguage)
                .filter(locale.getLanguage()::equals).findFirst().orElse("en");
    }

    /** Escaped for HTML: translations are text, not markup. */
    private String text(String key, java.util.Locale locale, Object... params) {
        return HtmlUtils.htmlEscape(translations.getTranslation(key, locale, params), "UTF-8");
    }
}
