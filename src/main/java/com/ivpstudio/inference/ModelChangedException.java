package com.ivpstudio.inference;

import com.ivpstudio.common.UserFacingException;

/** An embedding computed by one model bundle was used while another bundle is active. */
public class ModelChangedException extends UserFacingException {

    public ModelChangedException() {
        super("The prediction model was changed since this image was analysed. Please run the prediction again.");
    }
}
