package com.ivpstudio.reports;

import com.ivpstudio.inference.Comparison;

/**
 * One row of the report's image section: a simulated image and, where the case has one, the real photo of that
 * view beside it.
 *
 * @param realCaption null when there is no real photo
 * @param real        the real photo's bytes, or null
 * @param comparison  how close the simulated image came to the real photo, or null
 */
record ReportImage(String label, byte[] simulatedPng, String realCaption, byte[] real, Comparison comparison) {
}
