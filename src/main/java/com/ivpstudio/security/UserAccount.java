package com.ivpstudio.security;

import java.time.Instant;
import java.util.Set;

public record UserAccount(
        long id,
        String username,
        String passwordHash,
        Set<Role> roles,
        boolean enabled,
        int failedSignIns,
        Instant lockedUntil,
        Instant createdAt) {

    public boolean isLockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }
}
