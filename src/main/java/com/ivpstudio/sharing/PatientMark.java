package com.ivpstudio.sharing;

import com.ivpstudio.inference.Provenance;

/**
 * How a predicted image is marked on a patient's copy: the word for "simulated" in the patient's language, and the
 * patient code only where the link shows it and the image is this patient's (an interpolation's later frames name
 * the other patient, who must not appear on this patient's page).
 *
 * @param drawn the provenance of the stored image: which word and code its mark shows now
 */
record PatientMark(Provenance drawn, String word, String patientCode) {

    static PatientMark of(Provenance drawn, String word, String casePatientCode, boolean showCode) {
        String code = showCode && casePatientCode != null && casePatientCode.equals(drawn.patientCode())
                ? casePatientCode : null;
        return new PatientMark(drawn, word, code);
    }
}
