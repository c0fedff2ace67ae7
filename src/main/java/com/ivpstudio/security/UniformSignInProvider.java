package com.ivpstudio.security;

import java.time.Clock;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Sign-in (form and HTTP basic) that answers a locked or disabled account, an unknown user and a wrong password
 * after the same work: one bcrypt comparison each. Spring's default checks the account status BEFORE the password,
 * so a locked account answered in ~3 ms instead of ~300 ms and told an attacker that it exists and is locked. Here
 * the password is always compared first (an unknown user is compared against a dummy hash by the parent class),
 * and only then is the account status checked, whatever the password's result. Both failures end in the same
 * sign-in error for the user and the same 401 for HTTP basic.
 */
@Component
class UniformSignInProvider extends DaoAuthenticationProvider {

    private final AccountStatusUserDetailsChecker accountStatus = new AccountStatusUserDetailsChecker();

    // The user lookup is no bean of its own: with one, Spring Security would also build a default provider from it
    // (and warns that it does not, when an AuthenticationProvider bean like this one exists).
    UniformSignInProvider(UserAccountRepository users, Clock clock, PasswordEncoder encoder) {
        super(new DatabaseUserDetailsService(users, clock));
        setPasswordEncoder(encoder);
        setPreAuthenticationChecks(user -> { });
    }

    @Override
    protected void additionalAuthenticationChecks(UserDetails user, UsernamePasswordAuthenticationToken authentication) {
        BadCredentialsException wrongPassword = null;
        try {
            super.additionalAuthenticationChecks(user, authentication);
        } catch (BadCredentialsException e) {
            wrongPassword = e;
        }
        // A locked account answers "locked" (audited as such, not counted as a failure) whatever the password was.
        accountStatus.check(user);
        if (wrongPassword != null) {
            throw wrongPassword;
        }
    }
}
