package com.ivpstudio.reports;

import com.ivpstudio.progress.ProgressTimeline;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Everything one report prints, gathered by {@link CaseReportService} and laid out by {@link CaseReportPdf}.
 *
 * @param displayName   null unless the clinician chose to show it
 * @param frontCaption  null when there is no input front photo (a snapshot without one)
 * @param imagesTitle   "Predicted views" or the snapshot's title
 * @param seeds         the seeds, ψ and α of the simulated images, as printed (empty α = no nudge)
 * @param progress      the progress section, or null
 */
record CaseReportContent(Locale locale, String patientCode, String displayName, String clinician, LocalDate date,
        String modelName, String modelVersion, String modelSha256, String seeds, String psis, String alphas,
        byte[] front, String frontCaption, String imagesTitle, List<ReportImage> images, ProgressTimeline progress) {

    CaseReportContent {
        images = List.copyOf(images);
    }
}
