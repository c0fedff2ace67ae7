package com.ivpstudio.meetings;

/** One open meeting screen: whose it is and whether it follows the presenter. */
public record Presence(String clientId, String username, boolean following) {
}
