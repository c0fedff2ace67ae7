package com.ivpstudio.cases;

public enum Sex {
    FEMALE("Female"),
    MALE("Male"),
    OTHER("Other");

    private final String label;

    Sex(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
