package com.ivpstudio.shell;

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
 * query string is never logged). Opening /error directly is a page that does not exist: 404.
 */
@Controller
class ErrorPageController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorPageController.class);

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
                .body(page(status, reference));
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer value)) {
            return HttpStatus.NOT_FOUND;
        }
        HttpStatus status = HttpStatus.resolve(value);
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    private static String page(HttpStatus status, String reference) {
        String title = switch (status) {
            case NOT_FOUND -> "Not found";
            case FORBIDDEN -> "Not allowed";
            case UNAUTHORIZED -> "Sign-in needed";
            default -> status.is4xxClientError() ? "Request refused" : "Something went wrong";
        };
        String explanation = switch (status) {
            case NOT_FOUND -> "There is no such page, or you may not open it.";
            case FORBIDDEN -> "You may not open this page.";
            case UNAUTHORIZED -> "Please sign in first.";
            default -> status.is4xxClientError() ? "The request could not be handled."
                    : "The request failed. Nothing was changed. Please try again.";
        };
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><title>%s · IVP Studio</title></head>
                <body style="font-family: sans-serif; margin: 3em;">
                <h1>%s</h1>
                <p>%s</p>
                <p>HTTP %d · reference %s</p>
                <p><a href="/">Back to IVP Studio</a></p>
                </body>
                </html>
                """.formatted(title, title, HtmlUtils.htmlEscape(explanation), status.value(), reference);
    }
}
