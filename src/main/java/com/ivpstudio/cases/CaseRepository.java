package com.ivpstudio.cases;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CaseRepository {

    private static final String WHERE = """
             WHERE (CAST(:text AS TEXT) IS NULL
                    OR lower(patient_code) LIKE CAST(:text AS TEXT)
                    OR lower(display_name) LIKE CAST(:text AS TEXT))
               AND (CAST(:tag AS TEXT) IS NULL OR tags @> ARRAY[CAST(:tag AS TEXT)])
               AND (CAST(:status AS TEXT) IS NULL OR status = CAST(:status AS TEXT))
            """;

    private final JdbcClient jdbc;

    CaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<PatientCase> find(CaseFilter filter, List<CaseSort> sorts, int offset, int limit) {
        String order = sorts.isEmpty() ? "updated_at DESC" : sorts.stream()
                .map(s -> s.column().sql + (s.ascending() ? " ASC" : " DESC") + " NULLS LAST")
                .collect(Collectors.joining(", "));
        return bind(jdbc.sql("SELECT * FROM patient_case" + WHERE + " ORDER BY " + order + ", id OFFSET :o LIMIT :l"), filter)
                .param("o", offset)
                .param("l", limit)
                .query(CaseRepository::map)
                .list();
    }

    long count(CaseFilter filter) {
        return bind(jdbc.sql("SELECT count(*) FROM patient_case" + WHERE), filter).query(Long.class).single();
    }

    Optional<PatientCase> findById(long id) {
        return jdbc.sql("SELECT * FROM patient_case WHERE id = :id").param("id", id).query(CaseRepository::map).optional();
    }

    Optional<PatientCase> findByCode(String code) {
        return jdbc.sql("SELECT * FROM patient_case WHERE lower(patient_code) = lower(:c)")
                .param("c", code).query(CaseRepository::map).optional();
    }

    boolean codeTakenByOther(String code, Long exceptId) {
        return jdbc.sql("SELECT count(*) FROM patient_case WHERE lower(patient_code) = lower(:c) AND id <> :id")
                .param("c", code).param("id", exceptId == null ? -1L : exceptId)
                .query(Long.class).single() > 0;
    }

    long insert(CaseDraft d, String user) {
        return jdbc.sql("""
                INSERT INTO patient_case (patient_code, display_name, birth_year, sex, notes, tags, synthetic,
                                          created_by, updated_by)
                VALUES (:code, :name, :year, :sex, :notes, CAST(:tags AS TEXT[]), :synthetic, :user, :user)
                RETURNING id""")
                .params(draftParameters(d, user))
                .param("synthetic", d.isSynthetic())
                .query(Long.class).single();
    }

    int update(long id, CaseDraft d, String user) {
        return jdbc.sql("""
                UPDATE patient_case SET patient_code = :code, display_name = :name, birth_year = :year, sex = :sex,
                       notes = :notes, tags = CAST(:tags AS TEXT[]), updated_by = :user, updated_at = now()
                 WHERE id = :id""")
                .param("id", id)
                .params(draftParameters(d, user))
                .update();
    }

    int updateStatus(long id, CaseStatus status, String user) {
        return jdbc.sql("UPDATE patient_case SET status = :s, updated_by = :u, updated_at = now() WHERE id = :id")
                .param("s", status.name()).param("u", user).param("id", id).update();
    }

    List<String> allTags() {
        return jdbc.sql("SELECT DISTINCT unnest(tags) AS t FROM patient_case ORDER BY t").query(String.class).list();
    }

    private static java.util.Map<String, Object> draftParameters(CaseDraft d, String user) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put("code", d.getPatientCode());
        p.put("name", emptyToNull(d.getDisplayName()));
        p.put("year", d.getBirthYear());
        p.put("sex", d.getSex() == null ? null : d.getSex().name());
        p.put("notes", emptyToNull(d.getNotes()));
        p.put("tags", pgArray(d.tagList()));
        p.put("user", user);
        return p;
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, CaseFilter f) {
        String text = f.text() == null || f.text().isBlank() ? null
                : "%" + escapeLike(f.text().trim().toLowerCase(Locale.ROOT)) + "%";
        String tag = f.tag() == null || f.tag().isBlank() ? null : f.tag().trim().toLowerCase(Locale.ROOT);
        return spec.param("text", text).param("tag", tag).param("status", f.status() == null ? null : f.status().name());
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** PostgreSQL array literal; tags are validated to letters, digits, spaces, '-' and '_'. */
    private static String pgArray(List<String> items) {
        return items.stream().map(t -> "\"" + t.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static PatientCase map(ResultSet rs, int row) throws SQLException {
        Array tags = rs.getArray("tags");
        int year = rs.getInt("birth_year");
        Integer birthYear = rs.wasNull() ? null : year;
        String sex = rs.getString("sex");
        return new PatientCase(
                rs.getLong("id"),
                rs.getString("patient_code"),
                rs.getString("display_name"),
                birthYear,
                sex == null ? null : Sex.valueOf(sex),
                rs.getString("notes"),
                tags == null ? List.of() : Arrays.asList((String[]) tags.getArray()),
                CaseStatus.valueOf(rs.getString("status")),
                rs.getBoolean("synthetic"),
                rs.getString("created_by"),
                instant(rs.getTimestamp("created_at")),
                rs.getString("updated_by"),
                instant(rs.getTimestamp("updated_at")));
    }

    private static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
