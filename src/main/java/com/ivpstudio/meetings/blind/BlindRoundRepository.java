package com.ivpstudio.meetings.blind;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Blind review rounds, their shuffled images and the votes. */
@Repository
class BlindRoundRepository {

    private static final String ROUND = "SELECT r.id, r.meeting_id, r.item_id, r.bundle_id, r.bundle_version,"
            + " r.bundle_sha256, r.status = 'OPEN', r.current_index,"
            + " (SELECT count(*) FROM blind_round_image i WHERE i.round_id = r.id) FROM blind_round r ";

    private final JdbcClient jdbc;

    BlindRoundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insertRound(long meetingId, long itemId, String bundleId, String bundleVersion, String bundleSha256,
            String createdBy) {
        return jdbc.sql("INSERT INTO blind_round (meeting_id, item_id, bundle_id, bundle_version, bundle_sha256,"
                        + " created_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
                .param(meetingId).param(itemId).param(bundleId).param(bundleVersion).param(bundleSha256).param(createdBy)
                .query(Long.class).single();
    }

    void insertImage(long roundId, int position, String view, boolean real, Long photoId, Long snapshotId,
            Integer imagePosition) {
        jdbc.sql("INSERT INTO blind_round_image (round_id, position, view, is_real, photo_id, snapshot_id, image_position)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .param(roundId).param(position).param(view).param(real).param(photoId).param(snapshotId)
                .param(imagePosition).update();
    }

    Optional<BlindRound> openRound(long meetingId) {
        return jdbc.sql(ROUND + "WHERE r.meeting_id = ? AND r.status = 'OPEN' ORDER BY r.id DESC LIMIT 1")
                .param(meetingId).query(this::mapRound).optional();
    }

    Optional<BlindRound> round(long roundId) {
        return jdbc.sql(ROUND + "WHERE r.id = ?").param(roundId).query(this::mapRound).optional();
    }

    void closeOpenRounds(long meetingId) {
        jdbc.sql("UPDATE blind_round SET status = 'CLOSED', closed_at = now() WHERE meeting_id = ? AND status = 'OPEN'")
                .param(meetingId).update();
    }

    void advance(long roundId) {
        jdbc.sql("UPDATE blind_round SET current_index = current_index + 1 WHERE id = ?").param(roundId).update();
    }

    void close(long roundId) {
        jdbc.sql("UPDATE blind_round SET status = 'CLOSED', closed_at = now() WHERE id = ?").param(roundId).update();
    }

    Optional<BlindImage> image(long roundId, int position) {
        return jdbc.sql("SELECT id, round_id, position, view, is_real, photo_id, snapshot_id, image_position"
                        + " FROM blind_round_image WHERE round_id = ? AND position = ?").param(roundId).param(position)
                .query((rs, n) -> new BlindImage(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                        rs.getBoolean(5), (Long) rs.getObject(6), (Long) rs.getObject(7), (Integer) rs.getObject(8)))
                .optional();
    }

    void vote(long imageId, String voter, boolean saysReal, Boolean plausible) {
        jdbc.sql("INSERT INTO blind_vote (image_id, voter, says_real, plausible) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (image_id, voter) DO UPDATE SET says_real = EXCLUDED.says_real,"
                        + " plausible = EXCLUDED.plausible, voted_at = now()")
                .param(imageId).param(voter).param(saysReal).param(plausible).update();
    }

    long votesOn(long imageId) {
        return jdbc.sql("SELECT count(*) FROM blind_vote WHERE image_id = ?").param(imageId).query(Long.class).single();
    }

    Optional<Boolean> voteOf(long imageId, String voter) {
        return jdbc.sql("SELECT says_real FROM blind_vote WHERE image_id = ? AND voter = ?").param(imageId).param(voter)
                .query(Boolean.class).optional();
    }

    /** Votes per model version and view, over all rounds. */
    List<BlindResult> results() {
        return jdbc.sql("SELECT r.bundle_id, r.bundle_version, r.bundle_sha256, i.view, count(*),"
                        + " count(*) FILTER (WHERE v.says_real = i.is_real),"
                        + " count(v.plausible) FILTER (WHERE NOT i.is_real),"
                        + " count(*) FILTER (WHERE v.plausible AND NOT i.is_real), count(DISTINCT r.id)"
                        + " FROM blind_vote v JOIN blind_round_image i ON i.id = v.image_id"
                        + " JOIN blind_round r ON r.id = i.round_id"
                        + " GROUP BY r.bundle_id, r.bundle_version, r.bundle_sha256, i.view"
                        + " ORDER BY r.bundle_id, r.bundle_version, i.view")
                .query((rs, n) -> new BlindResult(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)))
                .list();
    }

    private BlindRound mapRound(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new BlindRound(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getBoolean(7), rs.getInt(8), rs.getInt(9));
    }
}
