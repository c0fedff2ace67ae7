package com.ivpstudio.shell;

import com.vaadin.flow.component.icon.VaadinIcon;

/**
 * One item of the navigation drawer. Each feature contributes its own entries as beans, so the shell never needs to
 * know the features.
 */
public record NavigationEntry(String label, String path, VaadinIcon icon, int order, boolean adminOnly) {
}
