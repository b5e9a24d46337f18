package io.inetpublish.release.build;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ReleasePackageRepository extends JpaRepository<ReleasePackage, Long> {

    List<ReleasePackage> findByReleaseIdOrderByIdAsc(UUID releaseId);

    boolean existsByReleaseIdAndBuildId(UUID releaseId, UUID buildId);

    List<ReleasePackage> findByReleaseIdAndBuildId(UUID releaseId, UUID buildId);
}
