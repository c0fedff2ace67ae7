package com.ivpstudio.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ivpstudio.Browser;
import com.ivpstudio.IntegrationTest;
import com.ivpstudio.common.UserFacingException;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The screen language: a German browser gets German screens and German dates before any choice; the profile menu's
 * choice applies at once and again after signing out and in; a language that is not shipped is refused.
 */
@IntegrationTest
class LanguageChoiceIT {

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    @Autowired
    LanguageChoiceService choices;

    @Autowired
    JdbcClient jdbc;

    /** Other tests sign in as admin and expect the browser's language: no stored choice before or after. */
    @BeforeEach
    @AfterEach
    void forgetTheAdminsChoice() {
        jdbc.sql("DELETE FROM user_language WHERE user_id IN (SELECT id FROM user_account WHERE username = 'admin')")
                .update();
    }

    @Test
    void aGermanBrowserSeesGermanUntilTheUserChoosesEnglishWhichSticksAfterSigningInAgain() {
        Page page = browser.newPage(new com.microsoft.playwright.Browser.NewContextOptions()
                .setLocale("de-DE").setViewportSize(1440, 900));
        try (BrowserContext context = page.context()) {
            browser.open(page, "/login");
            page.waitForSelector("vaadin-login-form");
            PlaywrightAssertions.assertThat(page).hasTitle("Anmelden · IVP Studio");
            assertThat(page.locator(".login-tagline").innerText()).contains("kieferorthopädische Fallbesprechung");
            Browser.screenshot(page, "language-01-login-de");

            browser.signIn(page, "admin");
            browser.open(page, "/admin/models");
            page.waitForSelector("#model-reading");
            assertThat(navigation(page)).contains("Fälle", "Benutzer", "Modelle", "Systemstatus", "Patientenlinks");
            assertThat(page.locator("#language-menu-current").innerText()).contains("Deutsch");
            // One German date format on the page: 30.11.2026, 17:05 in the versions and the history.
            page.waitForSelector("#model-grid vaadin-grid-cell-content:has-text('.20')");
            assertThat(page.locator("#model-grid").innerText()).containsPattern("\\d{2}\\.\\d{2}\\.\\d{4}, \\d{2}:\\d{2}")
                    .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
            String reading = page.locator("#model-reading").innerText();
            assertThat(reading).contains("Geprüft an", "Zuverlässigste Ansicht")
                    .doesNotContain("rel improvement").doesNotContain("!admin.");
            assertThat(page.locator("#metrics-table").isVisible()).isFalse();
            assertThat(page.locator("body").innerText()).as("no missing translation key")
                    .doesNotContainPattern("![a-z]+\\.[a-z0-9._-]+!");
            Browser.screenshot(page, "language-02-models-de");

            browser.open(page, "/cases");
            page.locator("#new-case").click();
            page.waitForSelector("#case-code");
            assertThat(page.locator("vaadin-dialog-overlay").innerText())
                    .contains("Neuer Fall", "Patientencode", "Geburtsjahr", "Fall anlegen", "Abbrechen");
            Browser.screenshot(page, "language-05-case-editor-de");
            page.keyboard().press("Escape");

            // The patient page speaks the patient's browser language, signed in or not.
            Page patient = browser.newPage(new com.microsoft.playwright.Browser.NewContextOptions().setLocale("de-DE"));
            try (BrowserContext phone = patient.context()) {
                patient.navigate(browser.url("/p/no-such-link-token-0000000000"));
                assertThat(patient.locator("html").getAttribute("lang")).isEqualTo("de");
                assertThat(patient.locator("body").innerText()).contains("Dieser Link ist nicht mehr verfügbar");
            }

            browser.open(page, "/admin/models");
            page.waitForSelector("#model-reading");
            page.locator("#language-menu-current").click();
            page.locator("vaadin-menu-bar-item", new Page.LocatorOptions().setHasText("English")).first().click();
            page.waitForFunction("() => document.documentElement.innerText.includes('System status')");
            Browser.waitForVaadin(page);
            page.waitForSelector("#model-reading");
            assertThat(navigation(page)).contains("Cases", "Users", "Models", "System status", "Patient links");
            assertThat(page.locator("#model-reading").innerText()).contains("Tested on", "Most reliable view");
            assertThat(page.locator("#model-grid").innerText()).containsPattern("[A-Z][a-z]{2} \\d{1,2}, \\d{4}");
            Browser.screenshot(page, "language-03-models-en");

            page.locator("#sign-out").click();
            page.waitForURL(u -> u.contains("/login"));
            Browser.waitForVaadin(page);
            // signed out, the browser's language again (Vaadin sets the title by script: waited for, not read at once)
            PlaywrightAssertions.assertThat(page).hasTitle("Anmelden · IVP Studio");
            browser.signIn(page, "admin");
            browser.open(page, "/admin/status");
            page.waitForSelector("#status-cards");
            assertThat(navigation(page)).contains("Cases", "Models", "System status");
            assertThat(page.locator("h2").first().innerText()).isEqualTo("System status");
            Browser.screenshot(page, "language-04-status-en-after-sign-in");
        }
        assertThat(choices.choiceOf("admin")).contains(Locale.ENGLISH);
    }

    @Test
    void aLanguageThatIsNotShippedIsRefusedAndNothingIsStored() {
        assertThatThrownBy(() -> choices.choose("admin", Locale.FRENCH)).isInstanceOf(UserFacingException.class)
                .hasMessage("language.error.not-offered");
        assertThatThrownBy(() -> choices.choose("admin", null)).isInstanceOf(UserFacingException.class);
        assertThatThrownBy(() -> choices.choose("no-such-user", Locale.GERMAN)).isInstanceOf(UserFacingException.class)
                .hasMessage("language.error.no-account");
        assertThat(choices.choiceOf("admin")).isEmpty();
        choices.choose("ADMIN", Locale.GERMANY);
        assertThat(choices.choiceOf("admin")).contains(Locale.GERMAN);
    }

    private static List<String> navigation(Page page) {
        return page.locator("vaadin-side-nav-item").allInnerTexts().stream().map(String::strip).toList();
    }
}
