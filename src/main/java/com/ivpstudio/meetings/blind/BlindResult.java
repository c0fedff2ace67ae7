package com.ivpstudio.meetings.blind;

/**
 * How a team judged one model version's predictions of one view: of {@code votes} real/simulated votes,
 * {@code correct} were right. 50 % right means the team could not tell predicted from real.
 */
public record BlindResult(String bundleId, String bundleVersion, String bundleSha256, String view, long votes,
        long correct, long plausibleAnswers, long plausible, long rounds) {

    public double toldApart() {
        return votes == 0 ? 0 : (double) correct / votes;
    }

    public double plausibleShare() {
        return plausibleAnswers == 0 ? 0 : (double) plausible / plausibleAnswers;
    }
}
