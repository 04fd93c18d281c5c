package dev.threadwork.bridge;

import java.time.Instant;
import java.util.Collection;

/**
 * Who holds each session's stream. Several instances sharing one database each take a lease per
 * session before streaming it and renew it while they do; an expired lease may be taken over.
 */
public interface LeaseStore {

    /** Takes or renews the lease when it is free, expired, or already ours. */
    boolean tryAcquire(String sessionId, String owner, Instant expiresAt);

    /** Extends every lease of {@code owner} among {@code sessionIds}. */
    void renew(String owner, Collection<String> sessionIds, Instant expiresAt);

    void release(String sessionId, String owner);
}
