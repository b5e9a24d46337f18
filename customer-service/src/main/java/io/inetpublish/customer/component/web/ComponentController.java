package io.inetpublish.customer.component.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.security.CurrentActor;
import io.inetpublish.common.web.ConflictException;
import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.common.web.PageResponse;
import io.inetpublish.customer.component.Component;
import io.inetpublish.customer.component.ComponentRepository;
import io.inetpublish.customer.oplog.OperationLog;
import io.inetpublish.customer.oplog.OperationLog.Change;
import io.inetpublish.customer.oplog.OperationLog.Entry;
import io.inetpublish.common.version.ValidVersion;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The component catalog: names, descriptions and mainline versions. */
@RestController
@RequestMapping("/api/components")
@RequiredArgsConstructor
class ComponentController {

    private final ComponentRepository components;
    private final OperationLog log;
    private final CurrentActor currentActor;

    record ComponentRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = Component.NAME_PATTERN,
                    message = "may contain only letters, digits, '.', '_' and '-'") String name,
            @Size(max = 2000) String description,
            @ValidVersion String mainlineVersion) {
    }

    record DescriptionRequest(@Size(max = 2000) String description) {
    }

    record MainlineRequest(@NotBlank @ValidVersion String version) {
    }

    record ComponentView(String name, String description, String mainlineVersion, Instant mainlineSetAt,
            String mainlineSetBy) {

        static ComponentView of(Component c) {
            return new ComponentView(c.getName(), c.getDescription(), c.getMainlineVersion(), c.getMainlineSetAt(),
                    c.getMainlineSetBy());
        }
    }

    @PostMapping
    @Transactional
    ResponseEntity<ComponentView> create(@Valid @RequestBody ComponentRequest request) {
        String name = request.name().strip();
        if (components.existsByNameIgnoreCase(name)) {
            throw new ConflictException("A component named '" + name + "' already exists");
        }
        Actor actor = currentActor.get();
        Component component = new Component(name, blankToNull(request.description()));
        List<Change> changes = List.of();
        if (request.mainlineVersion() != null) {
            component.setMainline(request.mainlineVersion(), actor.name());
            changes = List.of(new Change(name, null, request.mainlineVersion()));
        }
        components.saveAndFlush(component);
        log.append(actor, new Entry("COMPONENT_CREATED", null, null, null, null, changes, null, null, null, null,
                null, null, component.getDescription()));
        return ResponseEntity.created(URI.create("/api/components/" + name)).body(ComponentView.of(component));
    }

    @GetMapping
    @Transactional(readOnly = true)
    PageResponse<ComponentView> list(@RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        var request = PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 200), Sort.by("name"));
        return PageResponse.of(components.findByNameContainingIgnoreCase(q.strip(), request), ComponentView::of);
    }

    @GetMapping("/{name}")
    @Transactional(readOnly = true)
    ComponentView get(@PathVariable String name) {
        return ComponentView.of(find(name));
    }

    @PutMapping("/{name}")
    @Transactional
    ComponentView describe(@PathVariable String name, @Valid @RequestBody DescriptionRequest request) {
        Component component = find(name);
        component.describe(blankToNull(request.description()));
        log.append(currentActor.get(), new Entry("COMPONENT_UPDATED", null, null, null, null, List.of(), null, null,
                null, null, null, null, "component " + name + ": " + component.getDescription()));
        return ComponentView.of(component);
    }

    @PutMapping("/{name}/mainline")
    @Transactional
    ComponentView setMainline(@PathVariable String name, @Valid @RequestBody MainlineRequest request) {
        Component component = find(name);
        Actor actor = currentActor.get();
        String before = component.getMainlineVersion();
        component.setMainline(request.version().strip(), actor.name());
        log.append(actor, new Entry("MAINLINE_SET", null, null, null, null,
                List.of(new Change(name, before, component.getMainlineVersion())), null, null, null, null, null, null,
                null));
        return ComponentView.of(component);
    }

    private Component find(String name) {
        return components.findById(name).orElseThrow(() -> new NotFoundException("Component", name));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
