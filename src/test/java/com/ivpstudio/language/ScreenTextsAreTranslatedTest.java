package com.ivpstudio.language;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The converted screens hold no hard-coded words: every string literal compiled into them is a translation key
 * (present in English and German), or technical text from a short, explicit list (ids, themes, CSS, HTML markup,
 * log patterns). The scan is shown to catch a hard-coded caption, and it must find keys in every class it reads.
 */
class ScreenTextsAreTranslatedTest {

    /** The classes whose user-visible text was converted (shell, sign-in, case editor, admin, sharing, language, photo upload). */
    static final List<String> CONVERTED = List.of(
            "com.ivpstudio.shell.MainLayout", "com.ivpstudio.shell.NotFoundView", "com.ivpstudio.shell.ServerErrorView",
            "com.ivpstudio.shell.ErrorNotifications", "com.ivpstudio.shell.ErrorPageController",
            "com.ivpstudio.security.LoginView",
            "com.ivpstudio.cases.CaseEditorDialog", "com.ivpstudio.cases.CasesNavigation",
            "com.ivpstudio.admin.ModelsView", "com.ivpstudio.admin.SystemStatusView",
            "com.ivpstudio.admin.AdminNavigation", "com.ivpstudio.admin.ModelEvaluationReading",
            "com.ivpstudio.sharing.SharingAdminView", "com.ivpstudio.sharing.SharingCasePanel",
            "com.ivpstudio.sharing.ShareLinkDialog", "com.ivpstudio.sharing.SharingUi",
            "com.ivpstudio.sharing.PatientPageHtml", "com.ivpstudio.sharing.PatientHandout",
            "com.ivpstudio.sharing.PatientPageController", "com.ivpstudio.sharing.PatientText",
            "com.ivpstudio.sharing.WaitTime", "com.ivpstudio.language.LanguageMenu",
            "com.ivpstudio.images.PhotoService", "com.ivpstudio.images.PhotoRejectedException",
            "com.ivpstudio.images.PhotoUploadPanel");

    private static final Pattern KEY = Pattern.compile(
            "(shell|security|cases|casepage|admin|sharing|language)\\.[a-z0-9_.-]+");
    /** A capitalised word or two words in a row: how a caption, a sentence or a button text looks. */
    private static final Pattern WORDS = Pattern.compile("(?U)\\b\\p{Lu}\\p{Ll}{2,}\\b|\\b\\p{Ll}{2,} \\p{Ll}{2,}\\b");
    private static final Pattern MARKUP = Pattern.compile("<[^>]*>|\\b[a-z-]+=\\\\?\"[^\"]*\"?");

    /** Method descriptors and internal class names of lambdas, and the compiler's serializable-lambda message. */
    private static final Pattern JVM_INTERNAL = Pattern.compile(
            "\\(.*\\).+|[\\w/$]+/[\\w/$]+|/[\\w/.-]+|Invalid lambda deserialization");
    /** A style sheet (the patient page's inline CSS). */
    private static final Pattern CSS = Pattern.compile("(?s).*\\{[^}]*:[^}]*}.*");

    /** Literals that look like words but are technical: themes, CSS, log patterns, markup the user never reads. */
    static final Set<String> TECHNICAL = Set.of(
            "badge contrast", "badge error", "badge success primary", "error primary",
            "return navigator.clipboard.writeText($0)", "inline; filename=\"treatment-preview.pdf\"",
            "The handout could not be written", "Helvetica", "Helvetica-Bold", "Identity-H",
            "Location", "Set-Cookie", "Content-Disposition", "User-Agent", "Lax", "Vary", "Accept-Language",
            // PhotoService: the message of an exception caught inside the service, never shown.
            "The photo is already in the case");

    private final TranslationFiles files = new TranslationFiles();

    @Test
    void noConvertedScreenHoldsAHardCodedWord() throws Exception {
        List<String> found = new ArrayList<>();
        for (String name : CONVERTED) {
            Class<?> type = Class.forName(name);
            Set<String> literals = ClassStringConstants.of(type);
            assertThat(literals.stream().filter(s -> KEY.matcher(s).matches()))
                    .as("translation keys read from " + name).isNotEmpty();
            for (String literal : literals) {
                if (looksLikeText(literal)) {
                    found.add(type.getSimpleName() + ": \"" + literal + "\"");
                }
            }
        }
        assertThat(found).as("hard-coded user-visible text").isEmpty();
    }

    @Test
    void everyKeyTheConvertedScreensUseExistsInEnglishAndGerman() throws Exception {
        Map<String, Properties> languages = files.languages();
        List<String> missing = new ArrayList<>();
        for (String name : CONVERTED) {
            for (String literal : ClassStringConstants.of(Class.forName(name))) {
                if (!KEY.matcher(literal).matches() || literal.matches(".*\\.(png|pdf|js|json|zip)")) {
                    continue;
                }
                for (Locale language : TranslationFiles.SHIPPED) {
                    Properties p = languages.get(language.getLanguage());
                    boolean known = literal.endsWith(".") || literal.endsWith("-")
                            ? p.stringPropertyNames().stream().anyMatch(k -> k.startsWith(literal))
                            : p.containsKey(literal);
                    if (!known) {
                        missing.add(language.getLanguage() + ": " + literal + " (" + name + ")");
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theScanCatchesAHardCodedCaption() {
        assertThat(ClassStringConstants.of(HardCodedFixture.class).stream().filter(ScreenTextsAreTranslatedTest::looksLikeText))
                .containsExactlyInAnyOrder("Save changes", "Delete \u0001?");
    }

    static boolean looksLikeText(String literal) {
        if (TECHNICAL.contains(literal) || literal.contains("{}") || KEY.matcher(literal).matches()
                || JVM_INTERNAL.matcher(literal).matches() || CSS.matcher(literal).matches()) {
            return false;
        }
        String outsideMarkup = MARKUP.matcher(literal).replaceAll(" ");
        return WORDS.matcher(outsideMarkup).find();
    }

    /** What the scan must catch: a caption and a concatenated sentence written into the code. */
    static class HardCodedFixture extends Div {
        HardCodedFixture(String name) {
            add(new Span("Save changes"), new Span("Delete " + name + "?"), new Span(getTranslation("shell.sign-out")));
            setId("hard-coded-fixture");
        }
    }
}
