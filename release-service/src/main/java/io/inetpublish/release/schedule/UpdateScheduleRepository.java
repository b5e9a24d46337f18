package io.inetpublish.release.schedule;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface UpdateScheduleRepository extends JpaRepository<UpdateSchedule, UUID> {
}
