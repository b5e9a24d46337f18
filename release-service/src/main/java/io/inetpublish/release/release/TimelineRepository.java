package io.inetpublish.release.release;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface TimelineRepository extends JpaRepository<TimelineEntry, Long> {

    List<TimelineEntry> findByReleaseIdOrderByIdAsc(UUID releaseId);

    boolean existsByReleaseIdAndDedupKey(UUID releaseId, String dedupKey);
}
