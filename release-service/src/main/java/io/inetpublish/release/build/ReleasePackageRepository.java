package io.inetpublish.release.build;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ReleasePackageRepository extends JpaRepository<ReleasePackage, Long> {

    List<ReleasePackage> findByReleaseIdOrderByIdAsc(UUID releaseId);

    boolean existsByReleaseIdAndBuildId(UUID releaseId, UUID buildId);

    List<ReleasePackage> findByReleaseIdAndBuildId(UUID releaseId, UUID buildId);

    List<ReleasePackage> findByBuildIdOrderByIdAsc(UUID buildId);

    /** The build's files were removed at {@code at} (the first word counts; a repeat changes nothing). */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update ReleasePackage p set p.removedAt = :at where p.buildId = :buildId and p.removedAt is null")
    int markRemoved(@Param("buildId") UUID buildId, @Param("at") Instant at);
}
