package io.inetpublish.release.release;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ReleaseRecordRepository extends JpaRepository<ReleaseRecord, UUID> {
}
