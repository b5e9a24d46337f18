package io.inetpublish.auth.user;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface UserRepository extends JpaRepository<PlatformUser, UUID> {

    Optional<PlatformUser> findByOpenId(String openId);
}
