package io.inetpublish.auth.user.web;

import java.time.Instant;
import java.util.UUID;

import io.inetpublish.auth.user.PlatformUser;
import io.inetpublish.auth.user.Role;
import io.inetpublish.auth.user.UserRepository;
import io.inetpublish.common.web.PageResponse;
import lombok.RequiredArgsConstructor;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/auth/users")
@RequiredArgsConstructor
class UserController {

    private final UserRepository users;

    record UserView(UUID id, String openId, String name, String enName, String avatarUrl, String email, Role role,
            Instant createdAt, Instant lastLoginAt) {

        static UserView of(PlatformUser user) {
            return new UserView(user.getId(), user.getOpenId(), user.getName(), user.getEnName(),
                    user.getAvatarUrl(), user.getEmail(), user.getRole(), user.getCreatedAt(),
                    user.getLastLoginAt());
        }
    }

    @GetMapping
    @Transactional(readOnly = true)
    PageResponse<UserView> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        var request = PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 200), Sort.by("name"));
        return PageResponse.of(users.findAll(request), UserView::of);
    }
}
