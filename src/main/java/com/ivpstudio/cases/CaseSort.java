package com.ivpstudio.cases;

/** A sort order of the case list; only these columns can be sorted (the SQL is never built from user text). */
public record CaseSort(Column column, boolean ascending) {

    public enum Column {
        PATIENT_CODE("lower(patient_code)"),
        DISPLAY_NAME("lower(display_name)"),
        BIRTH_YEAR("birth_year"),
        STATUS("status"),
        UPDATED_AT("updated_at"),
        CREATED_AT("created_at");

        final String sql;

        Column(String sql) {
            this.sql = sql;
        }
    }

    public static CaseSort recentlyUpdated() {
        return new CaseSort(Column.UPDATED_AT, false);
    }
}
