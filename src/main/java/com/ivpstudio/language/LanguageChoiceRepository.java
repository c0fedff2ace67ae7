package com.ivpstudio.language;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The language each user chose, keyed by the account (found by the signed-in name). */
@Repository
class LanguageChoiceRepository {

    private final JdbcClient jdbc;

    LanguageChoiceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> find(String username) {
        return jdbc.sql("""
                SELECT l.language FROM user_language l JOIN user_account a ON a.id = l.user_id
                 WHERE lower(a.username) = lower(:u)""")
                .param("u", username)
                .query(String.class)
                .optional();
    }

    /** Returns false when no such account exists (nothing stored). */
    boolean save(String username, String language) {
        return jdbc.sql("""
                INSERT INTO user_language (user_id, language)
                SELECT id, :l FROM user_account WHERE lower(username) = lower(:u)
                ON CONFLICT (user_id) DO UPDATE SET language = EXCLUDED.language, chosen_at = now()""")
                .param("u", username)
                .param("l", language)
                .update() == 1;
    }
}
