package com.ivpstudio.inference;

import com.ivpstudio.common.UserFacingException;

/** No model bundle is active (none installed, or the installed one was refused). */
public class NoActiveModelException extends UserFacingException {

    public NoActiveModelException() {
        super("No prediction model is active. An administrator has to install or activate a model bundle.");
    }
}
