package io.inetpublish.customer.dashboard.web;

import java.util.ArrayList;
import java.util.List;

import io.inetpublish.common.version.Version;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.customer.dashboard.Dashboard;
import io.inetpublish.customer.environment.EnvironmentType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 全局进展 (the dashboard): customers × environments for chosen components; rollout states come from release-service. */
@Tag(name = "Dashboard", description = "全局进展: customers by environments for chosen components, with rollout states.")
@RestController
@RequiredArgsConstructor
class DashboardController {

    private final Dashboard dashboard;

    /**
     * {@code component}: one or more, each {@code name} or {@code name=version} (the version aimed at, e.g. a release
     * record's); {@code tag} (any of), {@code type} (any of), {@code owner} (id or name), {@code q} (customer name or
     * code) narrow the customers; paged by customers (default 50, at most 200).
     */
    @Operation(summary = "The progress of components across customers",
            description = "component: one or more, name or name=version; tag, type, owner, q filter.")
    @GetMapping("/api/versions/dashboard")
    Dashboard.Answer dashboard(@RequestParam(required = false) List<String> component,
            @RequestParam(required = false) List<String> tag, @RequestParam(required = false) List<EnvironmentType> type,
            @RequestParam(required = false) String owner, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (component == null || component.isEmpty()) {
            throw new FieldException("component", "dashboard.component-required");
        }
        if (component.size() > Dashboard.MAX_COMPONENTS) {
            throw new FieldException("component", "dashboard.too-many-components", Dashboard.MAX_COMPONENTS);
        }
        List<Dashboard.Column> columns = new ArrayList<>();
        for (int i = 0; i < component.size(); i++) {
            String value = component.get(i).strip();
            int eq = value.indexOf('=');
            String name = eq < 0 ? value : value.substring(0, eq).strip();
            String target = eq < 0 ? null : value.substring(eq + 1).strip();
            if (name.isEmpty()) {
                throw new FieldException("component[" + i + "]", "dashboard.component-required");
            }
            if (target != null && !Version.isValid(target)) {
                throw new FieldException("component[" + i + "]", Version.INVALID_VALUE, target);
            }
            if (columns.stream().anyMatch(c -> c.component().equals(name))) {
                throw new FieldException("component[" + i + "]", "dashboard.component-twice", name);
            }
            columns.add(new Dashboard.Column(name, target == null || target.isEmpty() ? null : target));
        }
        if (page < 0) {
            throw new FieldException("page", "dashboard.page");
        }
        if (size < 1 || size > 200) {
            throw new FieldException("size", "dashboard.size", 200);
        }
        return dashboard.page(columns, new Dashboard.Filter(tag == null ? List.of()
                : tag.stream().map(String::strip).filter(t -> !t.isEmpty()).toList(), type, owner, q), page, size);
    }

    /** Every tag active customers carry (the tag pickers). */
    @Operation(summary = "Every tag active customers carry")
    @GetMapping("/api/customers/tags")
    List<String> tags() {
        return dashboard.tags();
    }
}
