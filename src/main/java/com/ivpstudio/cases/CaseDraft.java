package com.ivpstudio.cases;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/** The editable fields of a case, bound to the case form. */
public class CaseDraft {

    @NotBlank(message = "cases.validation.code-required")
    @Size(max = 40, message = "cases.validation.at-most-40")
    @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "cases.validation.code-characters")
    private String patientCode = "";

    @Size(max = 120, message = "cases.validation.at-most-120")
    private String displayName = "";

    @Min(value = 1900, message = "cases.validation.year-min")
    @Max(value = 2100, message = "cases.validation.year-max")
    private Integer birthYear;

    private Sex sex;

    @Size(max = 4000, message = "cases.validation.at-most-4000")
    private String notes = "";

    @Size(max = 200, message = "cases.validation.at-most-200")
    @Pattern(regexp = "[\\p{L}\\p{N} ,_-]*", message = "cases.validation.tags-characters")
    private String tags = "";

    private boolean synthetic;

    public static CaseDraft of(PatientCase c) {
        CaseDraft d = new CaseDraft();
        d.patientCode = c.patientCode();
        d.displayName = c.displayName() == null ? "" : c.displayName();
        d.birthYear = c.birthYear();
        d.sex = c.sex();
        d.notes = c.notes() == null ? "" : c.notes();
        d.tags = String.join(", ", c.tags());
        d.synthetic = c.synthetic();
        return d;
    }

    /** Tags as a clean list: trimmed, lower case, no blanks, no repeats. */
    public List<String> tagList() {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        Arrays.stream(tags == null ? new String[0] : tags.split(","))
                .map(t -> t.trim().toLowerCase(java.util.Locale.ROOT))
                .filter(t -> !t.isEmpty())
                .forEach(out::add);
        return new ArrayList<>(out);
    }

    public String getPatientCode() { return patientCode; }
    public void setPatientCode(String patientCode) { this.patientCode = patientCode == null ? "" : patientCode.trim(); }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName == null ? "" : displayName.trim(); }
    public Integer getBirthYear() { return birthYear; }
    public void setBirthYear(Integer birthYear) { this.birthYear = birthYear; }
    public Sex getSex() { return sex; }
    public void setSex(Sex sex) { this.sex = sex; }
    public String getNotes() { return notes; }
    public void setNotes(String notes) { this.notes = notes == null ? "" : notes; }
    public String getTags() { return tags; }
    public void setTags(String tags) { this.tags = tags == null ? "" : tags; }
    public boolean isSynthetic() { return synthetic; }
    public void setSynthetic(boolean synthetic) { this.synthetic = synthetic; }
}
