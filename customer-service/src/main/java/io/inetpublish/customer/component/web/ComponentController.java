package io.inetpublish.customer.component.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.security.CurrentActor;
import io.inetpublish.common.text.Texts;
import io.inetpublish.common.version.ValidVersion;
import io.inetpublish.common.web.PageResponse;
import io.inetpublish.common.web.Paging;
import io.inetpublish.customer.component.Component;
import io.inetpublish.customer.component.ComponentCatalog;
import io.inetpublish.customer.component.ComponentCatalog.Details;
import io.inetpublish.customer.component.ComponentCatalog.MainlineChange;
import io.inetpublish.customer.component.ComponentKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The component catalog (组件目录) for people: search, create, edit, retire/reinstate, set the mainline by hand and
 * read its history. The rules live in {@link ComponentCatalog}.
 */
@Tag(name = "Component catalog",
        description = "组件目录: the components the vendor ships, their mainline version and its history.")
@RestController
@RequestMapping("/api/components")
@RequiredArgsConstructor
class ComponentController {

    private final ComponentCatalog catalog;
    private final CurrentActor currentActor;

    record ComponentRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = Component.NAME_PATTERN,
                    message = "{component.name-invalid}") String name,
            ComponentKind kind,
            @Size(max = 2000) String description,
            @Size(max = 200) String owner,
            @ValidVersion String mainlineVersion) {
    }

    record EditRequest(ComponentKind kind, @Size(max = 2000) String description, @Size(max = 200) String owner) {
    }

    record MainlineRequest(@NotBlank @ValidVersion String version) {
    }

    /** {@code installations}: how many environments have it installed (shown for a retired one still in use). */
    record ComponentView(String name, ComponentKind kind, String description, String owner, String mainlineVersion,
            Instant mainlineSetAt, PersonRef mainlineSetBy, boolean retired, Instant retiredAt, PersonRef retiredBy,
            int installations, Instant createdAt) {

        static ComponentView of(Component c, int installations) {
            return new ComponentView(c.getName(), c.getKind(), c.getDescription(), c.getOwner(),
                    c.getMainlineVersion(), c.getMainlineSetAt(), c.mainlineSetByPerson(),
                    c.isRetired(), c.getRetiredAt(), c.retiredByPerson(), installations,
                    c.getCreatedAt());
        }
    }

    @Operation(summary = "Add a component", description = "Support, admin.")
    @PostMapping
    ResponseEntity<ComponentView> create(@Valid @RequestBody ComponentRequest request) {
        String name = request.name().strip();
        Component component = catalog.create(name,
                new Details(request.kind(), request.description(), request.owner()),
                Texts.blankToNull(request.mainlineVersion()), currentActor.get());
        return ResponseEntity.created(URI.create("/api/components/" + name)).body(view(component));
    }

    /** {@code status}: {@code active} (default, what forms offer), {@code retired} or {@code all}. */
    @Operation(summary = "Search the catalog",
            description = "status: active (default), retired or all. Also for integration tokens with scope "
                    + "components:read.")
    @GetMapping
    PageResponse<ComponentView> list(@RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) ComponentKind kind, @RequestParam(defaultValue = "active") String status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        var request = Paging.request(page, size, 200, Sort.by("name"));
        Page<Component> found = catalog.search(q, kind, status, request);
        Map<String, Integer> installed = catalog.installations(found.map(Component::getName).getContent());
        return PageResponse.of(found, c -> ComponentView.of(c, installed.getOrDefault(c.getName(), 0)));
    }

    @Operation(summary = "Show a component")
    @GetMapping("/{name}")
    ComponentView get(@PathVariable String name) {
        return view(catalog.get(name));
    }

    @Operation(summary = "Edit a component", description = "Support, admin.")
    @PutMapping("/{name}")
    ComponentView edit(@PathVariable String name, @Valid @RequestBody EditRequest request) {
        return view(catalog.edit(name,
                new Details(request.kind(), request.description(), request.owner()),
                currentActor.get()));
    }

    @Operation(summary = "Retire a component", description = "Support, admin.")
    @PostMapping("/{name}/retire")
    ComponentView retire(@PathVariable String name) {
        return view(catalog.retire(name, currentActor.get()));
    }

    @Operation(summary = "Reinstate a retired component", description = "Support, admin.")
    @PostMapping("/{name}/reinstate")
    ComponentView reinstate(@PathVariable String name) {
        return view(catalog.reinstate(name, currentActor.get()));
    }

    @Operation(summary = "Set the mainline version by hand", description = "Support, admin.")
    @PutMapping("/{name}/mainline")
    ComponentView setMainline(@PathVariable String name, @Valid @RequestBody MainlineRequest request) {
        return view(catalog.setMainlineByHand(name, request.version().strip(), currentActor.get()));
    }

    @Operation(summary = "The mainline's history")
    @GetMapping("/{name}/mainline/history")
    List<MainlineChange> mainlineHistory(@PathVariable String name,
            @RequestParam(defaultValue = "50") int limit) {
        return catalog.mainlineHistory(name, Paging.size(limit, 500));
    }

    private ComponentView view(Component c) {
        return ComponentView.of(c, catalog.installations(List.of(c.getName())).getOrDefault(c.getName(), 0));
    }
}
