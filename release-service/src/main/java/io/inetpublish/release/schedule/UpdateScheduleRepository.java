package io.inetpublish.release.schedule;

import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface UpdateScheduleRepository extends JpaRepository<UpdateSchedule, UUID>,
        JpaSpecificationExecutor<UpdateSchedule> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from UpdateSchedule s where s.id = :id")
    Optional<UpdateSchedule> findForUpdate(UUID id);
}
