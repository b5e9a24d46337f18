package io.inetpublish.discovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks the registry's one credential ({@code EUREKA_USER} / {@code EUREKA_PASSWORD}) that every Eureka client sends
 * with each heartbeat and registry fetch, by comparing SHA-256 digests in constant time.
 * <p>
 * Why not Spring Boot's default user: its in-memory user store upgrades the stored password to BCrypt after the first
 * login, and from then on every request pays one BCrypt check — about 70 ms of CPU each on this project's machines
 * (JFR: 97 % of the registry's samples in {@code BCrypt.encipher}), so six clients renewing and fetching every 5 s
 * kept the registry at ~19 % of a core and made each of its answers wait 0.2–0.3 s on a busy machine. BCrypt's cost is
 * there to slow the guessing of a person's short password from a stolen hash; this is a machine secret that is stored
 * nowhere as a hash, so a guess can only be tried against the registry itself, one request at a time. The comparison
 * is constant-time (both sides hashed to the same length, {@link MessageDigest#isEqual}), the user name included.
 */
final class RegistryCredentials implements AuthenticationManager {

    static final String ROLE = "REGISTRY_CLIENT";

    private final byte[] user;
    private final byte[] password;
    private final String userName;

    RegistryCredentials(String user, String password) {
        if (user == null || user.isEmpty() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the registry needs a user and a password (EUREKA_USER, EUREKA_PASSWORD)");
        }
        this.userName = user;
        this.user = sha256(user);
        this.password = sha256(password);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String presentedUser = authentication.getName();
        Object presentedPassword = authentication.getCredentials();
        // both compared every time, whatever the first says: the time taken tells nothing about which was wrong
        boolean userMatches = MessageDigest.isEqual(user, sha256(presentedUser == null ? "" : presentedUser));
        boolean passwordMatches = MessageDigest.isEqual(password,
                sha256(presentedPassword == null ? "" : presentedPassword.toString()));
        if (!(userMatches & passwordMatches)) {
            throw new BadCredentialsException("Bad credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(userName, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
