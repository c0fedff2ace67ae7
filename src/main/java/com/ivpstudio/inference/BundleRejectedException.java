package com.ivpstudio.inference;

import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.inference.bundle.ValidationReport;

/** A model bundle failed validation, loading or its self-test; the report lists every check. */
public class BundleRejectedException extends UserFacingException {

    private final transient ValidationReport report;

    public BundleRejectedException(ValidationReport report) {
        super("The model bundle was refused: " + report.firstFailure());
        this.report = report;
    }

    public ValidationReport report() {
        return report;
    }
}
