package com.ivpstudio.security;

import com.ivpstudio.database.AdvisoryLock;
import com.ivpstudio.database.DatabaseMode;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * First start with no users: create "admin" (and, in the embedded demo setup, "clinician") with a random password
 * printed once to the log, or the password given in IVP_ADMIN_PASSWORD / IVP_CLINICIAN_PASSWORD.
 */
@Component
@Order(0)
class InitialUsers implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InitialUsers.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final UserAccountRepository users;
    private final PasswordEncoder encoder;
    private final DatabaseMode databaseMode;
    private final String adminPassword;
    private final String clinicianPassword;
    private final AdvisoryLock locks;
    private final TransactionTemplate tx;

    InitialUsers(UserAccountRepository users, PasswordEncoder encoder, DatabaseMode databaseMode,
            @Value("${IVP_ADMIN_PASSWORD:}") String adminPassword,
            @Value("${IVP_CLINICIAN_PASSWORD:}") String clinicianPassword, AdvisoryLock locks,
            TransactionTemplate tx) {
        this.locks = locks;
        this.tx = tx;
        this.users = users;
        this.encoder = encoder;
        this.databaseMode = databaseMode;
        this.adminPassword = adminPassword;
        this.clinicianPassword = clinicianPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        // Nodes starting together on an empty database: one creates the users (committed before the lock is
        // released), the others then find them.
        locks.exclusively("initial-users", () -> {
            tx.executeWithoutResult(status -> createFirstUsers());
            return null;
        });
    }

    private void createFirstUsers() {
        if (users.count() > 0) {
            return;
        }
        create("admin", adminPassword, EnumSet.of(Role.ADMIN, Role.CLINICIAN), "IVP_ADMIN_PASSWORD");
        if (databaseMode.isDemoSetup()) {
            create("clinician", clinicianPassword, EnumSet.of(Role.CLINICIAN), "IVP_CLINICIAN_PASSWORD");
        }
    }

    private void create(String username, String configured, Set<Role> roles, String variable) {
        boolean generated = configured == null || configured.isBlank();
        String password = generated ? randomPassword() : configured;
        users.insert(username, encoder.encode(password), roles);
        if (generated) {
            log.warn("""

                    ============================================================
                     Created user '{}' with the one-time password: {}
                     (shown only now; set {} to choose it yourself)
                    ============================================================""", username, password, variable);
        } else {
            log.info("Created user '{}' with the password from {}", username, variable);
        }
    }

    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
