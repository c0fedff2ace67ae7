package com.ivpstudio.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ivpstudio.IntegrationTest;
import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditFilter;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.common.UserFacingException;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.test.context.support.WithMockUser;

@IntegrationTest
class UserAccountServiceIT {

    @Autowired
    UserAccountService service;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    AuditLog audit;

    @Test
    @WithMockUser(username = "admin", roles = {"ADMIN", "CLINICIAN"})
    void aCreatedUserSignsInWithTheOneTimePasswordAndEveryChangeIsAudited() {
        String name = "dr-" + UUID.randomUUID().toString().substring(0, 6);
        String password = service.create(name, EnumSet.of(Role.CLINICIAN));
        UserAccount created = users.findByUsername(name).orElseThrow();
        try {
            changesAreAudited(created, password);
        } finally {
            // left an admin, this user would break theLastAdminCanNeither… in any later run order
            service.setRoles(created.id(), EnumSet.of(Role.CLINICIAN));
        }
    }

    private void changesAreAudited(UserAccount created, String password) {
        assertThat(encoder.matches(password, created.passwordHash())).isTrue();

        service.disable(created.id());
        assertThat(users.findById(created.id()).orElseThrow().enabled()).isFalse();
        service.enable(created.id());
        service.setRoles(created.id(), EnumSet.of(Role.CLINICIAN, Role.ADMIN));
        String reset = service.resetPassword(created.id());

        UserAccount after = users.findById(created.id()).orElseThrow();
        assertThat(after.enabled()).isTrue();
        assertThat(after.roles()).containsExactlyInAnyOrder(Role.CLINICIAN, Role.ADMIN);
        assertThat(encoder.matches(reset, after.passwordHash())).isTrue();
        assertThat(encoder.matches(password, after.passwordHash())).isFalse();
        String target = Long.toString(created.id());
        for (AuditAction action : new AuditAction[] {AuditAction.USER_CREATED, AuditAction.USER_DISABLED,
                AuditAction.USER_ENABLED, AuditAction.USER_ROLES_CHANGED, AuditAction.USER_PASSWORD_RESET}) {
            assertThat(audit.find(new AuditFilter("admin", action, null, null, null), 0, 1000))
                    .as(action.name()).anyMatch(e -> target.equals(e.targetId()));
        }
    }

    @Test
    @WithMockUser(username = "admin", roles = {"ADMIN", "CLINICIAN"})
    void theLastAdminCanNeitherBeDisabledNorLoseTheAdminRole() {
        assertThat(users.countEnabledAdmins()).isEqualTo(1);
        UserAccount admin = users.findByUsername("admin").orElseThrow();

        assertThatThrownBy(() -> service.disable(admin.id()))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("last enabled admin");
        assertThatThrownBy(() -> service.setRoles(admin.id(), EnumSet.of(Role.CLINICIAN)))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("last enabled admin");
        assertThat(users.findById(admin.id()).orElseThrow().roles()).contains(Role.ADMIN);
    }

    @Test
    @WithMockUser(username = "admin", roles = {"ADMIN"})
    void badNamesAndDuplicatesAreRefusedWithAMessage() {
        assertThatThrownBy(() -> service.create("no spaces please", EnumSet.of(Role.CLINICIAN)))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("letters");
        assertThatThrownBy(() -> service.create("clinician", EnumSet.of(Role.CLINICIAN)))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> service.create("new-one", EnumSet.noneOf(Role.class)))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("role");
    }

    @Test
    @WithMockUser(username = "clinician", roles = {"CLINICIAN"})
    void aClinicianCannotAdministerUsers() {
        assertThatThrownBy(() -> service.create("sneaky", EnumSet.of(Role.ADMIN))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> service.list()).isInstanceOf(AccessDeniedException.class);
    }
}
