package com.ivpstudio.security;

public enum Role {
    CLINICIAN,
    ADMIN;

    public static final String ADMIN_NAME = "ADMIN";
    public static final String CLINICIAN_NAME = "CLINICIAN";
}
