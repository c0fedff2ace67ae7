package com.ivpstudio.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The signed-in user as seen by services; background jobs pass the name along explicitly. */
@Component
public class CurrentUser {

    public String username() {
        return name().orElseThrow(() -> new IllegalStateException("No signed-in user"));
    }

    public Optional<String> name() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() ? Optional.empty() : Optional.of(auth.getName());
    }

    public boolean isAdmin() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
    }
}
