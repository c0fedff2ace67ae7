package com.ivpstudio.cases;

/** Case-list filter; null or blank fields match everything. Status null = any status. */
public record CaseFilter(String text, String tag, CaseStatus status) {

    public static CaseFilter activeCases() {
        return new CaseFilter(null, null, CaseStatus.ACTIVE);
    }
}
