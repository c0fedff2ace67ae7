package com.ivpstudio.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.Browser;
import com.ivpstudio.IntegrationTest;
import com.microsoft.playwright.Page;
import com.vaadin.flow.router.Route;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/** Every route, tried by an anonymous visitor, a clinician and an admin, in real Chromium. */
@IntegrationTest
class RouteAccessIT {

    /** Route template → the path to try and whether only admins may open it. */
    static final Map<String, Access> ROUTES = Map.ofEntries(
            Map.entry("cases", new Access("/cases", false)),
            Map.entry("", new Access("/", false)),
            Map.entry("cases/:caseId(\\d+)", new Access("/cases/{case}", false)),
            Map.entry("admin/audit", new Access("/admin/audit", true)),
            Map.entry("admin/users", new Access("/admin/users", true)),
            Map.entry("admin/models", new Access("/admin/models", true)),
            Map.entry("admin/status", new Access("/admin/status", true)),
            Map.entry("admin/sharing", new Access("/admin/sharing", true)),
            Map.entry("studio", new Access("/studio", false)),
            Map.entry("studio/nudge/:caseId(\\d+)", new Access("/studio/nudge/{case}", false)),
            Map.entry("studio/text/:caseId(\\d+)", new Access("/studio/text/{case}", false)),
            Map.entry("studio/explore/:caseId(\\d+)", new Access("/studio/explore/{case}", false)),
            Map.entry("cases/:caseId(\\d+)/progress", new Access("/cases/{case}/progress", false)),
            Map.entry("meetings", new Access("/meetings", false)),
            Map.entry("meetings/:meetingId(\\d+)", new Access("/meetings/{meeting}", false)),
            Map.entry("meetings/:meetingId(\\d+)/minutes", new Access("/meetings/{meeting}/minutes", false)));

    record Access(String path, boolean adminOnly) {
    }

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /** The real path of a route, with an existing case for {case} and a meeting the clinician takes part in. */
    private String path(Access access) {
        if (access.path().contains("{meeting}")) {
            long meeting = jdbc.sql("""
                    INSERT INTO meeting (title, scheduled_at, presenter, created_by)
                    VALUES ('Access check', now(), 'admin', 'admin') RETURNING id""").query(Long.class).single();
            jdbc.sql("INSERT INTO meeting_participant (meeting_id, username) VALUES (?, 'clinician'), (?, 'admin')")
                    .params(meeting, meeting).update();
            return access.path().replace("{meeting}", Long.toString(meeting));
        }
        if (!access.path().contains("{case}")) {
            return access.path();
        }
        long id = jdbc.sql("""
                INSERT INTO patient_case (patient_code, created_by, updated_by)
                VALUES ('ACCESS-' || floor(random() * 1e9)::bigint, 'test', 'test') RETURNING id""")
                .query(Long.class).single();
        return access.path().replace("{case}", Long.toString(id));
    }

    @Test
    void everyRouteOfTheApplicationIsListedHere() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        Set<String> templates = scanner.findCandidateComponents("com.ivpstudio").stream()
                .map(bd -> {
                    try {
                        return Class.forName(bd.getBeanClassName()).getAnnotation(Route.class).value();
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(t -> !t.equals("login"))
                .collect(Collectors.toCollection(TreeSet::new));
        templates.add("");
        assertThat(ROUTES.keySet()).containsAll(templates);
    }

    @Test
    void anAnonymousVisitorIsSentToSignInFromEveryRoute() {
        Page page = browser.newPage();
        for (Access access : ROUTES.values()) {
            page.navigate(browser.url(path(access)));
            page.waitForURL(u -> u.contains("/login"));
            assertThat(page.url()).as(access.path()).contains("/login");
        }
        page.context().close();
    }

    @Test
    void aClinicianOpensClinicalRoutesButNoAdminRoute() {
        Page page = browser.newPage();
        browser.signIn(page, "clinician", "clinician-test-password");
        for (Access access : ROUTES.values()) {
            browser.open(page, path(access));
            boolean denied = page.locator(".error-view").count() > 0;
            assertThat(denied).as(access.path() + " denied for clinician").isEqualTo(access.adminOnly());
        }
        browser.open(page, "/admin/audit");
        assertThat(page.locator("#audit-grid").count()).isZero();
        assertThat(page.locator("vaadin-side-nav-item").allTextContents()).noneMatch(t -> t.contains("Audit"));
        Browser.screenshot(page, "foundation-05-clinician-denied-admin");
        page.context().close();
    }

    @Test
    void anAdminOpensEveryRoute() {
        Page page = browser.newPage();
        browser.signIn(page, "admin", "admin-test-password");
        for (Access access : ROUTES.values()) {
            browser.open(page, path(access));
            assertThat(page.locator(".error-view").count()).as(access.path()).isZero();
        }
        browser.open(page, "/admin/audit");
        assertThat(page.locator("#audit-grid")).isNotNull();
        page.waitForSelector("#audit-grid");
        Browser.screenshot(page, "foundation-06-admin-audit");
        page.context().close();
    }
}
