package com.ivpstudio.shell;

import com.vaadin.flow.component.Component;

/**
 * Something a feature puts into the header of the signed-in frame (beside the user's name), such as the language
 * menu. Beans of this type are found by the layout, so the shell never needs to know the features.
 */
public interface HeaderItem {

    /** A new component for one screen (called once per layout). */
    Component create();
}
