package io.inetpublish.common.web;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/**
 * The page and size a list endpoint was asked for, kept in bounds: the page is 0 or later, the size from 1 up to the
 * endpoint's own maximum. Out-of-range values are clamped, not refused (a client asking for 10,000 gets the maximum).
 */
public final class Paging {

    private Paging() {
    }

    /** The page number, 0 or later. */
    public static int page(int page) {
        return Math.max(page, 0);
    }

    /** The page size (or a limit), from 1 up to {@code max}. */
    public static int size(int size, int max) {
        return Math.min(Math.max(size, 1), max);
    }

    public static PageRequest request(int page, int size, int max, Sort sort) {
        return PageRequest.of(page(page), size(size, max), sort);
    }
}
