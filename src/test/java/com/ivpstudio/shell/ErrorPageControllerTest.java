package com.ivpstudio.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.language.TranslationFiles;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/** Each error the container dispatches keeps its status, gets a titled page and one log line without a trace. */
@ExtendWith(OutputCaptureExtension.class)
class ErrorPageControllerTest {

    final ErrorPageController controller = new ErrorPageController(new TranslationFiles());

    @Test
    void aServerFailureIsA500PageWithItsReferenceLoggedOnceByTypeOnly(CapturedOutput output) {
        MockHttpServletRequest request = dispatched(500, "/cases/7");
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION,
                new IllegalStateException("patient Jane Doe", new RuntimeException("deeper")));

        ResponseEntity<String> page = controller.error(request);

        assertThat(page.getStatusCode().value()).isEqualTo(500);
        assertThat(page.getBody()).contains("<title>Something went wrong · IVP Studio</title>").doesNotContain("Jane");
        String reference = page.getBody().replaceAll("(?s).*reference ([0-9a-f]{8}).*", "$1");
        assertThat(output.getOut().lines().filter(l -> l.contains(reference)).toList()).singleElement()
                .satisfies(line -> assertThat(line).contains("ERROR", "HTTP 500", "/cases/7",
                        "java.lang.IllegalStateException").doesNotContain("Jane"));
        assertThat(output.getOut()).doesNotContain("\tat ");
    }

    @Test
    void aForbiddenRequestIsA403PageTitledNotAllowed() {
        ResponseEntity<String> page = controller.error(dispatched(403, "/admin/users"));

        assertThat(page.getStatusCode().value()).isEqualTo(403);
        assertThat(page.getBody()).contains("<title>Not allowed · IVP Studio</title>");
    }

    @Test
    void aMissingPageIsA404PageTitledNotFound() {
        ResponseEntity<String> page = controller.error(dispatched(404, "/nothing"));

        assertThat(page.getStatusCode().value()).isEqualTo(404);
        assertThat(page.getBody()).contains("<title>Not found · IVP Studio</title>");
        assertThat(page.getHeaders().getCacheControl()).isEqualTo("no-store");
    }

    @Test
    void theErrorPageSpeaksTheBrowsersLanguageAndEnglishToOthers() {
        MockHttpServletRequest german = dispatched(404, "/nichts");
        german.addPreferredLocale(java.util.Locale.forLanguageTag("de-DE"));
        String page = controller.error(german).getBody();
        assertThat(page).contains("<html lang=\"de\">", "<title>Nicht gefunden · IVP Studio</title>",
                "Zurück zu IVP Studio").doesNotContain("!shell.");

        MockHttpServletRequest french = dispatched(403, "/admin/users");
        french.addPreferredLocale(java.util.Locale.FRENCH);
        assertThat(controller.error(french).getBody()).contains("<html lang=\"en\">", "<title>Not allowed · IVP Studio");
    }

    private static MockHttpServletRequest dispatched(int status, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, path);
        return request;
    }
}
