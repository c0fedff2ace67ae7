package com.ivpstudio.meetings;

import com.ivpstudio.common.UserFacingException;

/**
 * A refusal a person can act on, named by its translation key (screens show it in the user's language); the
 * message is the key so that nothing else leaks into logs.
 */
public class MeetingProblem extends UserFacingException {

    private final transient Object[] params;

    public MeetingProblem(String key, Object... params) {
        super(key);
        this.params = params;
    }

    public String key() {
        return getMessage();
    }

    public Object[] params() {
        return params.clone();
    }
}
