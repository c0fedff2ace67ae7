package com.ivpstudio.security;

import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.common.UserFacingException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * User administration. Every change is audited, and no change may leave the system without an enabled admin.
 * New and reset passwords are generated here and returned once, to be shown once.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class UserAccountService {

    private final UserAccountRepository users;
    private final PasswordEncoder encoder;
    private final AuditLog audit;

    UserAccountService(UserAccountRepository users, PasswordEncoder encoder, AuditLog audit) {
        this.users = users;
        this.encoder = encoder;
        this.audit = audit;
    }

    public List<UserAccount> list() {
        return users.findAll();
    }

    /** Creates a user and returns the generated one-time password. */
    @Transactional
    public String create(String username, Set<Role> roles) {
        String name = username == null ? "" : username.trim();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{1,63}")) {
            throw new UserFacingException("User names have 2–64 letters, digits, '.', '_' or '-'.");
        }
        requireRoles(roles);
        if (users.findByUsername(name).isPresent()) {
            throw new UserFacingException("A user named " + name + " already exists.");
        }
        String password = InitialUsers.randomPassword();
        try {
            long id = users.insert(name, encoder.encode(password), EnumSet.copyOf(roles));
            audit.record(AuditAction.USER_CREATED, null, Long.toString(id), rolesText(roles));
        } catch (DuplicateKeyException e) {
            throw new UserFacingException("A user named " + name + " already exists.", e);
        }
        return password;
    }

    @Transactional
    public void disable(long id) {
        UserAccount account = get(id);
        if (account.isAdmin() && account.enabled() && users.countEnabledAdmins() <= 1) {
            throw new UserFacingException("The last enabled admin cannot be disabled.");
        }
        users.updateEnabled(id, false);
        audit.record(AuditAction.USER_DISABLED, null, Long.toString(id), null);
    }

    @Transactional
    public void enable(long id) {
        get(id);
        users.updateEnabled(id, true);
        audit.record(AuditAction.USER_ENABLED, null, Long.toString(id), null);
    }

    @Transactional
    public void setRoles(long id, Set<Role> roles) {
        requireRoles(roles);
        UserAccount account = get(id);
        if (account.isAdmin() && account.enabled() && !roles.contains(Role.ADMIN) && users.countEnabledAdmins() <= 1) {
            throw new UserFacingException("The last enabled admin must keep the admin role.");
        }
        users.updateRoles(id, EnumSet.copyOf(roles));
        audit.record(AuditAction.USER_ROLES_CHANGED, null, Long.toString(id), rolesText(roles));
    }

    /** Lifts a sign-in lock (and the count of failed sign-ins) so the user may sign in again at once. */
    @Transactional
    public void unlock(long id) {
        get(id);
        users.clearLock(id);
        audit.record(AuditAction.USER_UNLOCKED, null, Long.toString(id), null);
    }

    /** Sets a new random password (also lifting a lock) and returns it, to be shown once. */
    @Transactional
    public String resetPassword(long id) {
        get(id);
        String password = InitialUsers.randomPassword();
        users.updatePassword(id, encoder.encode(password));
        audit.record(AuditAction.USER_PASSWORD_RESET, null, Long.toString(id), null);
        return password;
    }

    private UserAccount get(long id) {
        return users.findById(id).orElseThrow(() -> new UserFacingException("This user does not exist."));
    }

    private static void requireRoles(Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new UserFacingException("Choose at least one role.");
        }
    }

    private static String rolesText(Set<Role> roles) {
        return roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }
}
