package io.inetpublish.release.release;

import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface ReleaseRecordRepository extends JpaRepository<ReleaseRecord, UUID>,
        JpaSpecificationExecutor<ReleaseRecord> {

    /** Loads a release for a change, holding its row lock until the transaction ends (changes queue up). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from ReleaseRecord r where r.id = :id")
    Optional<ReleaseRecord> findForUpdate(UUID id);
}
