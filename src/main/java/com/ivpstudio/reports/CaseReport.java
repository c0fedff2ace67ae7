package com.ivpstudio.reports;

/** A written case report: the PDF and the file name to download it as (patient code and date, never the name). */
public record CaseReport(byte[] pdf, String fileName) {
}
