package io.inetpublish.common.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.inetpublish.common.web.PageResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;

/** {@link SchemaNames}: what it finds and what it lets be (every service's BaselineIT runs it on its endpoints). */
class SchemaNamesTest {

    record Plan(String id, List<Plan.Ref> environments) {
        record Ref(String environmentId, String customerName) {
        }
    }

    record Rollout(String id, Map<String, Rollout.Ref> targets) {
        record Ref(String environmentId, String state) {
        }
    }

    record Named(Named.Ref ref) {
        @Schema(name = "NamedRef")
        record Ref(String id) {
        }
    }

    record Kind(Status status) {
        enum Status { A, B }
    }

    static class Endpoints {
        PageResponse<Plan> plans() {
            return null;
        }

        Rollout rollout(Rollout[] body) {
            return null;
        }

        Named named() {
            return null;
        }

        Kind kind(Kind.Status status) {
            return null;
        }
    }

    private static List<HandlerMethod> endpoints(String... names) {
        return Arrays.stream(Endpoints.class.getDeclaredMethods())
                .filter(m -> Set.of(names).contains(m.getName()))
                .map(m -> new HandlerMethod(new Endpoints(), m)).toList();
    }

    @Test
    void findsTwoTypesOfOneSimpleNameInsideWhatTheEndpointsAnswer() {
        assertThat(SchemaNames.clashes(endpoints("plans", "rollout")))
                .isEqualTo(Map.of("Ref", Set.of(Plan.Ref.class.getName(), Rollout.Ref.class.getName())));
    }

    @Test
    void aTypeNamedBySchemaAndEnumsDoNotClash() {
        assertThat(SchemaNames.clashes(endpoints("plans", "named", "kind"))).isEmpty();
        assertThat(SchemaNames.clashes(endpoints("rollout", "named"))).isEmpty();
    }
}
