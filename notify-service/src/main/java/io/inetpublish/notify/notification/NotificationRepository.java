package io.inetpublish.notify.notification;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

public interface NotificationRepository extends JpaRepository<Notification, UUID>,
        JpaSpecificationExecutor<Notification> {

    @Query("select count(n) from Notification n where n.status = io.inetpublish.notify.notification.NotificationStatus.PENDING")
    long countPending();
}
