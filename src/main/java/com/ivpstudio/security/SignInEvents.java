package com.ivpstudio.security;

import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Counts failed sign-ins (locking the account after too many) and audits sign-in and sign-out. */
@Component
class SignInEvents {

    private final UserAccountRepository users;
    private final SignInPolicy policy;
    private final AuditLog audit;
    private final Clock clock;

    SignInEvents(UserAccountRepository users, SignInPolicy policy, AuditLog audit, Clock clock) {
        this.users = users;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        String username = event.getAuthentication().getName();
        if (event.getException() instanceof LockedException) {
            audit.recordAs(actorName(username), AuditAction.SIGN_IN_LOCKED, null, null, null);
            return;
        }
        users.recordFailedSignIn(username, policy.maxFailedSignIns(), clock.instant().plus(policy.lockout()));
        audit.recordAs(actorName(username), AuditAction.SIGN_IN_FAILED, null, null, null);
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        users.recordSuccessfulSignIn(event.getAuthentication().getName());
    }

    @EventListener
    void onInteractiveSuccess(InteractiveAuthenticationSuccessEvent event) {
        audit.recordAs(event.getAuthentication().getName(), AuditAction.SIGN_IN, null, null, null);
    }

    @EventListener
    void onLogout(LogoutSuccessEvent event) {
        audit.recordAs(event.getAuthentication().getName(), AuditAction.SIGN_OUT, null, null, null);
    }

    /** A failed attempt may name a user that does not exist: record it under a fixed marker, not the typed text. */
    private String actorName(String typed) {
        return users.findByUsername(typed).map(UserAccount::username).orElse("(unknown user)");
    }
}
