package io.inetpublish.customer.impact.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.inetpublish.common.web.PageResponse;
import io.inetpublish.common.web.Paging;
import io.inetpublish.customer.environment.EnvironmentType;
import io.inetpublish.customer.impact.ImpactSearch;
import io.inetpublish.customer.impact.ImpactSearch.Hit;
import io.inetpublish.customer.support.Csv;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/versions/impact?component=gateway&range=>=2.1.0 <2.3.4&type=PROD}: environments running an affected version;
 * {@code /api/versions/impact/export} answers the same as CSV.
 */
@Tag(name = "Impact search", description = "影响范围: which environments run a component in an affected version range.")
@RestController
@RequiredArgsConstructor
class ImpactController {

    private final ImpactSearch search;

    @Operation(summary = "Find environments running affected versions",
            description = "component, range (e.g. >=2.1.0 <2.3.4), environment type.")
    @GetMapping("/api/versions/impact")
    PageResponse<Hit> search(@RequestParam(required = false) String component,
            @RequestParam(required = false) String range, @RequestParam(required = false) List<EnvironmentType> type,
            @RequestParam(defaultValue = "false") boolean includeArchived,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return search.search(query(component, range, type, includeArchived), Paging.page(page),
                Paging.size(size, 500));
    }

    @Operation(summary = "The same search as CSV")
    @GetMapping("/api/versions/impact/export")
    void export(@RequestParam(required = false) String component, @RequestParam(required = false) String range,
            @RequestParam(required = false) List<EnvironmentType> type,
            @RequestParam(defaultValue = "false") boolean includeArchived, HttpServletResponse response)
            throws IOException {
        ImpactSearch.Query query = query(component, range, type, includeArchived);
        search.validate(query);
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"impact-"
                + query.component().replaceAll("[^A-Za-z0-9._-]", "_") + ".csv\"");
        Writer out = response.getWriter();
        Csv.row(out, "customer", "owner", "ownerId", "environment", "type", "component", "version", "release",
                "updatedAt");
        search.each(query, hit -> {
            try {
                Csv.row(out, hit.customerName(), hit.customerOwner() == null ? null : hit.customerOwner().name(),
                        hit.customerOwner() == null ? null : hit.customerOwner().id(), hit.environmentName(), hit.type(),
                        hit.component(), hit.version(), hit.releaseNumber(), hit.updatedAt());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
        out.flush();
    }

    private static ImpactSearch.Query query(String component, String range, List<EnvironmentType> types,
            boolean includeArchived) {
        return new ImpactSearch.Query(component == null ? null : component.strip(), range,
                types == null ? List.of() : types.stream().map(Enum::name).toList(), includeArchived);
    }
}
