package com.ivpstudio.inference;

import com.ivpstudio.common.UserFacingException;

/** The inference queue is full: answer "busy, try again" instead of waiting without bound. */
public class EngineBusyException extends UserFacingException {

    public EngineBusyException() {
        super("The image engine is busy. Please try again in a few seconds.");
    }
}
