package com.ivpstudio.cases;

public enum CaseStatus {
    ACTIVE,
    ARCHIVED
}
