package com.ivpstudio.demo;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.Browser;
import com.ivpstudio.IntegrationTest;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoKind;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.phantom.DemoPatients;
import com.ivpstudio.phantom.ReferencePairs;
import com.ivpstudio.studio.ReferencePairLibrary;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A fresh install (empty embedded database) comes with synthetic demo cases and the reference-pair library. */
@IntegrationTest
class DemoDataIT {

    @Autowired
    CaseService cases;

    @Autowired
    PhotoService photos;

    @Autowired
    ReferencePairLibrary references;

    @LocalServerPort
    int port;

    @Test
    void demoCasesWithFrontPhotosTrueViewsAndProgressAreSeededOnFirstStart() {
        for (int i = 1; i <= DemoPatients.all().size(); i++) {
            PatientCase demo = cases.findByCode(String.format("DEMO-%02d", i)).orElseThrow();
            assertThat(demo.synthetic()).isTrue();
            assertThat(demo.tags()).contains("demo");
            List<Photo> list = photos.photosOf(demo.id());
            assertThat(list).anyMatch(p -> p.kind() == PhotoKind.FRONT && p.label().equals("initial"));
            assertThat(list).allMatch(Photo::synthetic);
        }
        List<Photo> first = photos.photosOf(cases.findByCode("DEMO-01").orElseThrow().id());
        Set<PhotoKind> kinds = first.stream().map(Photo::kind).collect(Collectors.toSet());
        assertThat(kinds).containsExactlyInAnyOrder(PhotoKind.values());
        assertThat(first).anyMatch(p -> p.label().equals("month 20"));
        assertThat(first).allMatch(p -> p.width() * 3 == p.height() * 5);
    }

    @Test
    void theReferencePairLibraryIsSeeded() {
        assertThat(references.all()).extracting(r -> r.name())
                .containsExactlyElementsOf(ReferencePairs.all().stream().map(p -> p.name).toList());
        long id = references.all().get(0).id();
        assertThat(references.beforeImage(id)).isNotEqualTo(references.afterImage(id));
    }

    @Test
    void aDemoCaseShowsItsPhotoTimelineToAClinician() {
        try (Browser browser = new Browser(port)) {
            Page page = browser.newPage();
            browser.signIn(page, "clinician", "clinician-test-password");
            long id = cases.findByCode("DEMO-01").orElseThrow().id();
            browser.open(page, "/cases/" + id);
            assertThat(page.locator("#patient-code")).hasText("DEMO-01");
            assertThat(page.locator("#photo-timeline .thumb")).hasCount(photos.photosOf(id).size());
            page.waitForFunction("() => [...document.querySelectorAll('#photo-timeline .thumb img')].every(i => i.complete && i.naturalWidth > 0)");
            Browser.screenshot(page, "foundation-08-demo-case");
            browser.open(page, "/cases");
            Browser.screenshot(page, "foundation-09-demo-case-list");
        }
    }
}
