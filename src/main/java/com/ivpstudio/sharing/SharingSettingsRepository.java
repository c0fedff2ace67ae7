package com.ivpstudio.sharing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SharingSettingsRepository {

    private final JdbcClient jdbc;

    SharingSettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    SharingSettings load() {
        return jdbc.sql("SELECT practice_name, practice_contact, max_expiry_days, keep_client_ips, ip_retention_days"
                        + " FROM share_settings WHERE id = 1")
                .query((rs, i) -> new SharingSettings(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4),
                        rs.getInt(5)))
                .single();
    }

    void save(SharingSettings s, String by) {
        jdbc.sql("""
                UPDATE share_settings SET practice_name = :n, practice_contact = :c, max_expiry_days = :m,
                       keep_client_ips = :k, ip_retention_days = :r, updated_by = :by, updated_at = now()
                 WHERE id = 1""")
                .param("n", s.practiceName()).param("c", s.practiceContact()).param("m", s.maxExpiryDays())
                .param("k", s.keepClientIps()).param("r", s.ipRetentionDays()).param("by", by).update();
    }
}
