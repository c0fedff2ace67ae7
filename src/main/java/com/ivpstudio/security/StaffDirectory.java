package com.ivpstudio.security;

import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The names of the enabled staff users, for choosing colleagues (meeting participants). Unlike user administration
 * it is open to every signed-in user and tells nothing but the names.
 */
@Service
public class StaffDirectory {

    private final UserAccountRepository users;

    StaffDirectory(UserAccountRepository users) {
        this.users = users;
    }

    public List<String> enabledUsernames() {
        return users.findAll().stream().filter(UserAccount::enabled).map(UserAccount::username).sorted().toList();
    }

    public boolean isEnabledUser(String username) {
        return enabledUsernames().stream().anyMatch(u -> u.equalsIgnoreCase(username));
    }
}
