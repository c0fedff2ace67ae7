package com.ivpstudio.studio;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ReferencePairRepository {

    private final JdbcClient jdbc;

    ReferencePairRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM reference_pair").query(Long.class).single();
    }

    long insert(String name, String description, byte[] before, String beforeSha, byte[] after, String afterSha) {
        return jdbc.sql("""
                INSERT INTO reference_pair (name, description, before_image, after_image, before_sha256, after_sha256)
                VALUES (:n, :d, :b, :a, :bs, :as) RETURNING id""")
                .param("n", name).param("d", description).param("b", before).param("a", after)
                .param("bs", beforeSha).param("as", afterSha)
                .query(Long.class).single();
    }

    List<ReferencePair> findAll() {
        return jdbc.sql("SELECT id, name, description, before_sha256, after_sha256, synthetic FROM reference_pair ORDER BY id")
                .query((rs, i) -> new ReferencePair(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6)))
                .list();
    }

    Optional<byte[]> image(long id, boolean after) {
        return jdbc.sql("SELECT " + (after ? "after_image" : "before_image") + " FROM reference_pair WHERE id = :id")
                .param("id", id).query(byte[].class).optional();
    }
}
