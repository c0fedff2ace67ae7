package com.ivpstudio.shell;

import com.vaadin.flow.component.icon.VaadinIcon;

/**
 * One item of the navigation drawer. Each feature contributes its own entries as beans, so the shell never needs to
 * know the features. The label is a translation key ({@link #translated}); an entry made with the plain constructor
 * shows its label as written, for features whose texts are not translated yet.
 */
public record NavigationEntry(String label, String path, VaadinIcon icon, int order, boolean adminOnly,
        boolean labelIsKey) {

    public NavigationEntry(String label, String path, VaadinIcon icon, int order, boolean adminOnly) {
        this(label, path, icon, order, adminOnly, false);
    }

    /** An entry whose label is the translation key {@code labelKey}, shown in the user's language. */
    public static NavigationEntry translated(String labelKey, String path, VaadinIcon icon, int order,
            boolean adminOnly) {
        return new NavigationEntry(labelKey, path, icon, order, adminOnly, true);
    }
}
