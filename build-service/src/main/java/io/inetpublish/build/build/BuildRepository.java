package io.inetpublish.build.build;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface BuildRepository extends JpaRepository<Build, UUID> {

    Page<Build> findByReleaseId(UUID releaseId, Pageable pageable);

    Page<Build> findByEnvironmentId(UUID environmentId, Pageable pageable);

    Page<Build> findByStatusIn(Collection<BuildStatus> statuses, Pageable pageable);

    Page<Build> findByReleaseIdAndStatusIn(UUID releaseId, Collection<BuildStatus> statuses, Pageable pageable);

    Optional<Build> findFirstByQueueIdAndIdNotOrderByRequestedAtDesc(Long queueId, UUID id);

    boolean existsByJobPathAndJenkinsBuildNumber(String jobPath, Integer number);

    boolean existsByQueueId(Long queueId);

    long countByStatusIn(Collection<BuildStatus> statuses);

    /**
     * Claims builds due for a look. Rows another instance is claiming right now are skipped, and so are rows another
     * instance leased and is still looking at, so two instances never follow the same build at once; the caller
     * leases them ({@link #lease}) before it commits.
     */
    @Query(value = """
            select id from build
            where status in ('TRIGGERING', 'UNCONFIRMED', 'QUEUED', 'RUNNING', 'STORING') and next_poll_at <= :now
              and (follow_lease_until is null or follow_lease_until <= :now)
            order by next_poll_at
            limit :limit
            for update skip locked
            """, nativeQuery = true)
    List<UUID> lockDue(@Param("now") Instant now, @Param("limit") int limit);

    /**
     * Claims one followed build whether due or not, unless another instance is claiming it or has leased it and is
     * still looking at it (the lease lasts past the claim's transaction: the look at Jenkins comes after it).
     */
    @Query(value = """
            select id from build
            where id = :id and status in ('TRIGGERING', 'UNCONFIRMED', 'QUEUED', 'RUNNING', 'STORING')
              and (follow_lease_until is null or follow_lease_until <= :now)
            for update skip locked
            """, nativeQuery = true)
    List<UUID> lockFollowed(@Param("id") UUID id, @Param("now") Instant now);

    /** Whether an instance is looking at this followed build now (it leased it and has not recorded the look yet). */
    @Query(value = """
            select exists (select 1 from build
                           where id = :id and status in ('TRIGGERING', 'UNCONFIRMED', 'QUEUED', 'RUNNING', 'STORING')
                             and follow_lease_until > :now)
            """, nativeQuery = true)
    boolean beingLookedAt(@Param("id") UUID id, @Param("now") Instant now);

    /** Leaves the builds to the caller until {@code until} (or until it records its look, {@link Build#lookRecorded}). */
    @Modifying
    @Query(value = """
            update build set next_poll_at = :until, follow_lease_until = :until, version = version + 1
            where id in (:ids)""", nativeQuery = true)
    int lease(@Param("ids") Collection<UUID> ids, @Param("until") Instant until);
}
