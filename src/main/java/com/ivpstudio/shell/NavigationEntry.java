package com.ivpstudio.shell;

import com.vaadin.flow.component.icon.VaadinIcon;

/**
 * One item of the navigation drawer. Each feature contributes its own entries as beans, so the shell never needs to
 * know the features. The label is a translation key, shown in the user's language.
 */
public record NavigationEntry(String labelKey, String path, VaadinIcon icon, int order, boolean adminOnly) {

    public static NavigationEntry translated(String labelKey, String path, VaadinIcon icon, int order,
            boolean adminOnly) {
        return new NavigationEntry(labelKey, path, icon, order, adminOnly);
    }
}
