package com.ivpstudio.cases;

public enum Sex {
    FEMALE("Female"),
    MALE("Male"),
    OTHER("Other");

    private final String label;

    Sex(String label) {
        this.label = label;
    }

    /** The English word. Screens show {@link #labelKey()} through getTranslation. */
    @Deprecated(forRemoval = true)
    public String label() {
        return label;
    }

    /** The translation key of this value's word (cases-editor.properties). */
    public String labelKey() {
        return "cases.sex." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
