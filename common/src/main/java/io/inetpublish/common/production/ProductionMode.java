package io.inetpublish.common.production;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Production mode ({@code INETPUBLISH_PRODUCTION=true} or the Spring profile {@code prod}): a service refuses to
 * start while any secret is a development default or any password a well-known default, and names each one with the
 * environment variable that sets it. Checked before anything connects (listener on the prepared environment,
 * registered in {@code META-INF/spring.factories}); outside production mode the defaults only cause warnings.
 *
 * <p>Refused: values starting with {@code dev-only} (in any setting, also ones added later), the local run's sandbox
 * credentials, the {@code change-me} placeholders of {@code deploy/example.env}, an empty database password and the
 * {@code postgres}/{@code guest} defaults of PostgreSQL and RabbitMQ, and such a password in the Eureka URL.
 */
public class ProductionMode implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    /** The settings a service may have, by property, with the environment variable an operator sets. */
    private static final Map<String, String> SECRETS = new LinkedHashMap<>();

    static {
        SECRETS.put("inetpublish.auth.key-encryption-secret", "AUTH_KEY_ENCRYPTION_SECRET");
        SECRETS.put("inetpublish.secrets.encryption-secret", "INETPUBLISH_SECRETS_KEY");
        SECRETS.put("inetpublish.jenkins.api-token", "JENKINS_API_TOKEN");
        SECRETS.put("inetpublish.auth.feishu.app-secret", "FEISHU_APP_SECRET");
        SECRETS.put("inetpublish.feishu.app-secret", "FEISHU_APP_SECRET");
        SECRETS.put("spring.datasource.password", "DB_PASSWORD");
        SECRETS.put("spring.rabbitmq.password", "RABBITMQ_PASSWORD");
    }

    /** Well-known defaults: the local run's sandbox credentials and the stock passwords of PostgreSQL/RabbitMQ. */
    private static final Set<String> DEFAULTS = Set.of("sandbox-demo-token", "sandbox-app-secret",
            "sandbox-sign-secret", "postgres", "guest", "admin", "password", "secret", "inetpublish");

    private static final List<String> DEV_PREFIXES = List.of("dev-only", "change-me", "changeme");

    /** Whether production mode is on. */
    public static boolean active(Environment env) {
        return Boolean.parseBoolean(env.getProperty("inetpublish.production", "false"))
                || env.matchesProfiles("prod");
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment env = event.getEnvironment();
        if (!active(env)) {
            return;
        }
        List<String> problems = problems(env);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Production mode (INETPUBLISH_PRODUCTION=true or profile prod) refuses "
                    + "to start with development secrets or default passwords; set these in the environment: "
                    + String.join("; ", problems));
        }
    }

    /** Each development secret or default password in effect, named by its environment variable. */
    static List<String> problems(ConfigurableEnvironment env) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> secret : SECRETS.entrySet()) {
            if (!env.containsProperty(secret.getKey())) {
                continue;
            }
            String value = safe(env, secret.getKey());
            String why = weakness(value, secret.getKey().equals("spring.datasource.password"));
            if (why != null) {
                problems.add(secret.getValue() + " (" + why + ")");
            }
        }
        String user = safe(env, "spring.rabbitmq.username");
        if (env.containsProperty("spring.rabbitmq.username") && "guest".equals(user)) {
            problems.add("RABBITMQ_USER (the default 'guest', which RabbitMQ allows only from localhost)");
        }
        String eureka = safe(env, "eureka.client.service-url.defaultZone");
        for (String zone : eureka == null ? new String[0] : eureka.split(",")) {
            String password = passwordIn(zone.strip());
            if (password != null && weakness(password, false) != null) {
                problems.add("EUREKA_URL (its password is " + weakness(password, false) + ")");
            }
        }
        // any other setting still at a development default, such as one added after this list was written
        for (PropertySource<?> source : env.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (SECRETS.containsKey(name) || !name.contains(".")) {
                        continue;
                    }
                    String value = safe(env, name);
                    if (value != null && value.toLowerCase(Locale.ROOT).startsWith("dev-only")) {
                        String problem = name + " (a dev-only default)";
                        if (!problems.contains(problem)) {
                            problems.add(problem);
                        }
                    }
                }
            }
        }
        return problems;
    }

    private static String weakness(String value, boolean emptyIsWeak) {
        if (value == null || value.isEmpty()) {
            return emptyIsWeak ? "empty" : null;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        for (String prefix : DEV_PREFIXES) {
            if (lower.startsWith(prefix)) {
                return "a development placeholder";
            }
        }
        if (DEFAULTS.contains(lower)) {
            return "the well-known default '" + value + "'";
        }
        return null;
    }

    private static String passwordIn(String url) {
        try {
            String userInfo = URI.create(url).getRawUserInfo();
            return userInfo == null || userInfo.indexOf(':') < 0 ? null : userInfo.substring(userInfo.indexOf(':') + 1);
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /** A property's value, or null when it cannot be resolved (an unresolvable placeholder is not this check's job). */
    private static String safe(Environment env, String name) {
        try {
            return env.getProperty(name);
        } catch (RuntimeException ex) {
            return null;
        }
    }
}
