package com.ivpstudio.cases;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.ivpstudio.Browser;
import com.ivpstudio.IntegrationTest;
import com.ivpstudio.images.PhotoFixturesForBrowser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A clinician's first minutes, in real Chromium: sign in, create a case, upload photos, sign out. */
@IntegrationTest
class CaseWorkflowIT {

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    @Test
    void aClinicianCreatesACaseUploadsPhotosSeesThumbnailsAndSignsOut() {
        Page page = browser.signedIn("clinician");
        try (BrowserContext context = page.context()) {
            assertThat(page.locator("#case-grid")).isVisible();
            Browser.screenshot(page, "foundation-01-case-list");

            String code = "PW-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
            page.locator("#new-case").click();
            page.locator("#case-code input").fill(code);
            page.locator("#case-tags input").fill("crowding, class II");
            Browser.screenshot(page, "foundation-02-new-case");
            page.locator("#case-save").click();
            assertThat(page.locator("#patient-code")).hasText(code);

            page.locator("#photo-upload input[type=file]").setInputFiles(new FilePayload(
                    "front.jpg", "image/jpeg", PhotoFixturesForBrowser.smallJpeg()));
            assertThat(page.locator("#photo-timeline .thumb")).hasCount(1);
            assertThat(page.locator("#photo-timeline .thumb img")).isVisible();
            page.waitForFunction("() => { const i = document.querySelector('#photo-timeline .thumb img');"
                    + " return i && i.naturalWidth > 0; }");

            byte[] large = PhotoFixturesForBrowser.largeJpeg();
            org.assertj.core.api.Assertions.assertThat(large.length).isGreaterThan(2_000_000);
            page.locator("#photo-upload input[type=file]")
                    .setInputFiles(new FilePayload("camera.jpg", "image/jpeg", large));
            assertThat(page.locator("#photo-timeline .thumb")).hasCount(2);

            page.locator("#photo-upload input[type=file]").setInputFiles(new FilePayload("notes.jpg", "image/jpeg",
                    "this is a text file pretending to be a photo".getBytes(StandardCharsets.UTF_8)));
            assertThat(page.locator("#upload-messages .upload-error"))
                    .containsText("Only JPEG and PNG photos are accepted");
            assertThat(page.locator("#photo-timeline .thumb")).hasCount(2);
            Browser.screenshot(page, "foundation-03-case-with-photo");

            page.locator("#photo-timeline .thumb").first().click();
            assertThat(page.locator("vaadin-dialog-overlay .viewer-img")).isVisible();
            Browser.screenshot(page, "foundation-04-photo-viewer");
            page.keyboard().press("Escape");

            page.locator("#sign-out").click();
            page.waitForURL(u -> u.contains("/login"));
            assertThat(page.locator("vaadin-login-form")).isVisible();
        }
    }
}
