package com.ivpstudio.reports;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * What the clinician chose to put into a case report.
 *
 * @param showName     print the patient's display name (otherwise only the pseudonymous patient code)
 * @param frontPhotoId the front photo the views are predicted from; null = the latest
 * @param snapshotId   a saved snapshot to print instead of freshly predicted views; null = predict
 * @param psi          null = the model's default
 * @param realViews    the real photos of the other views (same visit) beside the predictions, with how close
 * @param progress     the progress-over-time section
 * @param locale       the language and number/date format of the report
 * @param zone         the clinician's time zone (the report's date)
 */
public record CaseReportOptions(long caseId, boolean showName, Long frontPhotoId, Long snapshotId, long seed,
        Double psi, boolean realViews, boolean progress, Locale locale, ZoneId zone) {

    public CaseReportOptions {
        Objects.requireNonNull(locale);
        Objects.requireNonNull(zone);
    }
}
