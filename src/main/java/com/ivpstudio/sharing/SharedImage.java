package com.ivpstudio.sharing;

/**
 * One image as the patient page serves it: addressed by its place in the link ({@code index}), never by a
 * database id; re-encoded from its pixels alone ({@link PatientImages}).
 *
 * @param generated false for a real photo shown next to a prediction
 */
public record SharedImage(int index, String view, String contentType, byte[] bytes,
        boolean generated) {
}
