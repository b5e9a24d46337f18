package io.inetpublish.customer.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.test.ServiceIntegrationTest;
import io.inetpublish.common.text.Like;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalog's search query (what 组件目录's search box and the pickers ask): a text over name, description and
 * owner in any case, with LIKE's wildcards taken literally, narrowed by kind and by active/retired. Against the real
 * schema on PostgreSQL, each test in a transaction that is rolled back; the catalog's rules around it are
 * ComponentLifecycleIT's. On the suite's one context (the integration tests start it in this test JVM anyway; a
 * {@code @DataJpaTest} of its own cost a second Hibernate, docs/style.md "Test kinds").
 */
@ServiceIntegrationTest
@Transactional
class ComponentRepositoryTest {

    @Autowired
    ComponentRepository components;

    final String marker = UUID.randomUUID().toString().substring(0, 8);

    Component save(String name, ComponentKind kind, String description, String owner) {
        return components.saveAndFlush(new Component(name + "-" + marker, kind, description, owner));
    }

    List<String> search(String text, ComponentKind kind, boolean active, boolean retired) {
        return components.search(Like.containing(text), kind, active, retired, PageRequest.of(0, 50, Sort.by("name")))
                .map(Component::getName).getContent();
    }

    List<String> activeMatching(String text) {
        return search(text, null, true, false);
    }

    @Test
    void findsByNameDescriptionOrOwnerWhateverTheCase() {
        save("print", ComponentKind.TEMPLATE, "打印模板 " + marker, "实施组-" + marker);
        save("gateway", ComponentKind.SERVICE, "Edge Router " + marker, null);

        assertThat(activeMatching("PRINT-" + marker.toUpperCase())).containsExactly("print-" + marker);
        assertThat(activeMatching("实施组-" + marker)).containsExactly("print-" + marker);
        assertThat(activeMatching("edge router " + marker)).containsExactly("gateway-" + marker);
        assertThat(activeMatching(marker)).containsExactly("gateway-" + marker, "print-" + marker);
    }

    @Test
    void likesWildcardsInTheTextAreTakenLiterally() {
        save("percent", null, marker + " 100% off", null);
        save("digits", null, marker + " 1000 off", null);
        save("underscore", null, marker + " a_b", null);
        save("letter", null, marker + " axb", null);

        assertThat(activeMatching(marker + " 100%")).containsExactly("percent-" + marker);
        assertThat(activeMatching(marker + " a_b")).containsExactly("underscore-" + marker);
        assertThat(activeMatching(marker + "%")).isEmpty();
    }

    @Test
    void aKindNarrowsAndRetiredOnesAreFoundOnlyWhenAskedFor() {
        save("api", ComponentKind.SERVICE, null, null);
        save("web", ComponentKind.FRONTEND, null, null);
        Component old = save("legacy", ComponentKind.SERVICE, null, null);
        old.retire(new Actor("ou_support", "技术支持甲"));
        components.saveAndFlush(old);

        assertThat(search(marker, ComponentKind.SERVICE, true, false)).containsExactly("api-" + marker);
        assertThat(search(marker, null, false, true)).containsExactly("legacy-" + marker);
        assertThat(search(marker, ComponentKind.SERVICE, true, true)).containsExactly("api-" + marker,
                "legacy-" + marker);
        assertThat(search(marker, null, true, true)).hasSize(3);
    }
}
