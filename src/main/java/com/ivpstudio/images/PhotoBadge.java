package com.ivpstudio.images;

import com.vaadin.flow.component.html.Span;

/**
 * Says what a stored image is: a render of the synthetic phantom ("Phantom photo") or a photo someone uploaded
 * ("Uploaded photo") — never just "real", because a phantom render is not a photo of a patient.
 */
public class PhotoBadge extends Span {

    public PhotoBadge(Photo photo) {
        this(photo.synthetic());
    }

    /** For images kept elsewhere (snapshots) whose case says whether its photos are phantom renders. */
    public PhotoBadge(boolean phantom) {
        addClassName("photo-badge");
        addClassName(phantom ? "phantom" : "uploaded");
        setText(getTranslation(phantom ? "casepage.badge.phantom" : "casepage.badge.uploaded"));
        setTitle(getTranslation(phantom ? "casepage.badge.phantom.help" : "casepage.badge.uploaded.help"));
    }
}
