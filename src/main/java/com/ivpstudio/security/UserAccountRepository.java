package com.ivpstudio.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class UserAccountRepository {

    private final JdbcClient jdbc;

    UserAccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("SELECT * FROM user_account WHERE lower(username) = lower(:u)")
                .param("u", username)
                .query(UserAccountRepository::map)
                .optional();
    }

    public Optional<UserAccount> findById(long id) {
        return jdbc.sql("SELECT * FROM user_account WHERE id = :id").param("id", id).query(UserAccountRepository::map).optional();
    }

    public List<UserAccount> findAll() {
        return jdbc.sql("SELECT * FROM user_account ORDER BY lower(username)").query(UserAccountRepository::map).list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM user_account").query(Long.class).single();
    }

    public long countEnabledAdmins() {
        return jdbc.sql("SELECT count(*) FROM user_account WHERE enabled AND roles LIKE '%ADMIN%'")
                .query(Long.class).single();
    }

    public long insert(String username, String passwordHash, Set<Role> roles) {
        return jdbc.sql("INSERT INTO user_account (username, password_hash, roles) VALUES (:u, :h, :r) RETURNING id")
                .param("u", username)
                .param("h", passwordHash)
                .param("r", encode(roles))
                .query(Long.class).single();
    }

    public void recordFailedSignIn(String username, int maxFailures, Instant lockUntil) {
        // One statement so that concurrent failures cannot lose a count.
        jdbc.sql("""
                UPDATE user_account
                   SET failed_sign_ins = failed_sign_ins + 1,
                       locked_until = CASE WHEN failed_sign_ins + 1 >= :max THEN :lock ELSE locked_until END
                 WHERE lower(username) = lower(:u)""")
                .param("u", username)
                .param("max", maxFailures)
                .param("lock", Timestamp.from(lockUntil))
                .update();
    }

    public void recordSuccessfulSignIn(String username) {
        jdbc.sql("UPDATE user_account SET failed_sign_ins = 0, locked_until = NULL WHERE lower(username) = lower(:u)")
                .param("u", username).update();
    }

    public void clearLock(long id) {
        jdbc.sql("UPDATE user_account SET failed_sign_ins = 0, locked_until = NULL WHERE id = :id").param("id", id).update();
    }

    public void updatePassword(long id, String passwordHash) {
        jdbc.sql("""
                UPDATE user_account SET password_hash = :h, password_changed_at = now(),
                       failed_sign_ins = 0, locked_until = NULL WHERE id = :id""")
                .param("h", passwordHash).param("id", id).update();
    }

    public void updateRoles(long id, Set<Role> roles) {
        jdbc.sql("UPDATE user_account SET roles = :r WHERE id = :id").param("r", encode(roles)).param("id", id).update();
    }

    public void updateEnabled(long id, boolean enabled) {
        jdbc.sql("UPDATE user_account SET enabled = :e WHERE id = :id").param("e", enabled).param("id", id).update();
    }

    private static String encode(Set<Role> roles) {
        return roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(rs.getString("roles").split(",")).filter(s -> !s.isBlank()).map(Role::valueOf).forEach(roles::add);
        Timestamp locked = rs.getTimestamp("locked_until");
        return new UserAccount(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("password_hash"),
                roles,
                rs.getBoolean("enabled"),
                rs.getInt("failed_sign_ins"),
                locked == null ? null : locked.toInstant(),
                rs.getTimestamp("created_at").toInstant());
    }
}
