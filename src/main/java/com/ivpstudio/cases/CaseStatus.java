package com.ivpstudio.cases;

public enum CaseStatus {
    ACTIVE,
    ARCHIVED;

    /** The translation key of this status's word (cases-editor.properties). */
    public String labelKey() {
        return "cases.status." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
