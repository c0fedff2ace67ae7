package com.ivpstudio.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.Browser;
import com.ivpstudio.IntegrationTest;
import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditFilter;
import com.ivpstudio.audit.AuditLog;
import com.microsoft.playwright.Page;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Repeated wrong passwords lock the account: then even the right password is refused. */
@IntegrationTest
class SignInLockoutIT {

    @LocalServerPort
    int port;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    SignInPolicy policy;

    @Autowired
    AuditLog audit;

    @Test
    void tooManyFailedSignInsLockTheAccountAndAreAudited() {
        String username = "lock-" + UUID.randomUUID().toString().substring(0, 6);
        users.insert(username, encoder.encode("right-password"), EnumSet.of(Role.CLINICIAN));

        try (Browser browser = new Browser(port)) {
            Page page = browser.newPage();
            for (int i = 0; i < policy.maxFailedSignIns(); i++) {
                attempt(browser, page, username, "wrong-" + i);
                assertThat(page.url()).contains("/login");
            }
            attempt(browser, page, username, "right-password");
            assertThat(page.url()).contains("/login");
            assertThat(page.locator("vaadin-login-form").getAttribute("error")).isNotNull();
            Browser.screenshot(page, "foundation-07-locked-sign-in");
        }

        UserAccount account = users.findByUsername(username).orElseThrow();
        assertThat(account.lockedUntil()).isNotNull();
        assertThat(audit.count(new AuditFilter(username, AuditAction.SIGN_IN_FAILED, null, null, null)))
                .isEqualTo(policy.maxFailedSignIns());
        assertThat(audit.count(new AuditFilter(username, AuditAction.SIGN_IN_LOCKED, null, null, null))).isEqualTo(1);
    }

    private static void attempt(Browser browser, Page page, String username, String password) {
        browser.open(page, "/login");
        page.locator("vaadin-login-form input[name=username]").fill(username);
        page.locator("vaadin-login-form input[name=password]").fill(password);
        page.locator("vaadin-login-form vaadin-button").first().click();
        page.waitForURL(u -> u.contains("error"));
        Browser.waitForVaadin(page);
    }
}
