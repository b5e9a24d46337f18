package io.inetpublish.auth.user;

import java.util.List;
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

    @Query("select u from PlatformUser u where lower(u.email) = lower(:email) order by u.createdAt")
    List<PlatformUser> findByEmail(String email);

    @Query("select u from PlatformUser u where u.name = :name or u.enName = :name order by u.createdAt")
    List<PlatformUser> findByName(String name);

    @Query("""
            select u from PlatformUser u
            where lower(u.name) like :pattern escape '\\' or lower(coalesce(u.enName, '')) like :pattern escape '\\'
               or lower(coalesce(u.email, '')) like :pattern escape '\\' or u.openId = :exact
            order by u.name, u.id""")
    List<PlatformUser> search(String pattern, String exact, org.springframework.data.domain.Pageable page);

    /** Enabled people with one of the roles or one of the open_ids (approvers of a customer deployment). */
    @Query("""
            select u from PlatformUser u
            where u.disabledAt is null and (u.role in :roles or u.openId in :openIds)
            order by u.name, u.id""")
    List<PlatformUser> findEnabledByRoleInOrOpenIdIn(java.util.Collection<Role> roles,
            java.util.Collection<String> openIds);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select u from PlatformUser u where u.id = :id")
    Optional<PlatformUser> findForUpdate(UUID id);
}
