package io.inetpublish.release.customer;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A page of customer-service's environment list. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EnvironmentPage(List<EnvironmentInfo> items, int page, int size, long totalItems, int totalPages) {

    public EnvironmentPage {
        items = items == null ? List.of() : items;
    }
}
