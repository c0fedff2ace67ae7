package com.ivpstudio.images;

import com.vaadin.flow.component.html.Span;

/**
 * Says what a stored image is: a render of the synthetic phantom ("Phantom photo") or a photo someone uploaded
 * ("Uploaded photo") — never just "real", because a phantom render is not a photo of a patient.
 */
public class PhotoBadge extends Span {

    public PhotoBadge(Photo photo) {
        addClassName("photo-badge");
        addClassName(photo.synthetic() ? "phantom" : "uploaded");
        setText(getTranslation(photo.synthetic() ? "casepage.badge.phantom" : "casepage.badge.uploaded"));
        setTitle(getTranslation(photo.synthetic() ? "casepage.badge.phantom.help" : "casepage.badge.uploaded.help"));
    }
}
