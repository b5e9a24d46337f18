package io.inetpublish.auth.user;

import java.util.Optional;
import java.util.UUID;

import io.inetpublish.common.security.Role;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface UserRepository extends JpaRepository<PlatformUser, UUID> {

    Optional<PlatformUser> findByOpenId(String openId);

    long countByRole(Role role);

    long countByRoleAndDisabledAtIsNull(Role role);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select u from PlatformUser u where u.id = :id")
    Optional<PlatformUser> findForUpdate(UUID id);
}
