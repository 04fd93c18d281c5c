package dev.threadwork.store;

import dev.threadwork.bridge.LeaseStore;
import java.time.Instant;
import java.util.Collection;

/** Per-session stream leases in the shared database (plain SQL that H2 and PostgreSQL both run). */
public final class SessionLeases implements LeaseStore {

    private final Jdbc jdbc;

    public SessionLeases(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean tryAcquire(String sessionId, String owner, Instant expiresAt) {
        int taken = jdbc.update("UPDATE session_lease SET owner = ?, expires_at = ? "
                + "WHERE session_id = ? AND (owner = ? OR expires_at < ?)", owner, expiresAt, sessionId, owner, Instant.now());
        if (taken == 1) {
            return true;
        }
        return jdbc.insertIfAbsent("INSERT INTO session_lease (session_id, owner, expires_at) VALUES (?, ?, ?)", sessionId, owner, expiresAt);
    }

    @Override
    public void renew(String owner, Collection<String> sessionIds, Instant expiresAt) {
        jdbc.inTransaction(connection -> {
            for (String sessionId : sessionIds) {
                Jdbc.update(connection, "UPDATE session_lease SET expires_at = ? WHERE session_id = ? AND owner = ?",
                        expiresAt, sessionId, owner);
            }
            return null;
        });
    }

    @Override
    public void release(String sessionId, String owner) {
        jdbc.update("DELETE FROM session_lease WHERE session_id = ? AND owner = ?", sessionId, owner);
    }
}
