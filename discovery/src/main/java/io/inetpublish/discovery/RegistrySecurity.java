package io.inetpublish.discovery;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The registry answers only those who know its credentials ({@code EUREKA_USER} / {@code EUREKA_PASSWORD}, HTTP Basic;
 * the services and the gateway carry them in {@code EUREKA_URL}, Prometheus in its {@code basic_auth}): nobody else
 * can register an instance the gateway would route to, remove one, or read where everything runs. The dashboard
 * asks for them too. Only the management port's actuator (health, info, metrics) is open, for health checks. The
 * credentials are checked by {@link RegistryCredentials} (why not Spring Boot's default user: there).
 */
@Configuration(proxyBeanMethods = false)
class RegistrySecurity {

    /** Replaces Spring Boot's default in-memory user (which backs off when an AuthenticationManager bean exists). */
    @Bean
    AuthenticationManager registryCredentials(@Value("${spring.security.user.name}") String user,
            @Value("${spring.security.user.password}") String password) {
        return new RegistryCredentials(user, password);
    }

    @Bean
    SecurityFilterChain registrySecurityFilterChain(HttpSecurity http, Environment environment) throws Exception {
        RequestMatcher managementPort = request -> isManagementPort(environment, request);
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(Customizer.withDefaults())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(managementPort).permitAll()
                        .anyRequest().authenticated());
        return http.build();
    }

    private static boolean isManagementPort(Environment environment, HttpServletRequest request) {
        Integer port = environment.getProperty("local.management.port", Integer.class);
        return port != null && port > 0 && request.getLocalPort() == port;
    }
}
