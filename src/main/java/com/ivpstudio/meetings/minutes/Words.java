package com.ivpstudio.meetings.minutes;

/** The user's language for the minutes: a translation key and its parameters to text. */
@FunctionalInterface
public interface Words {

    String get(String key, Object... params);
}
