package io.inetpublish.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

class PagingTest {

    @Test
    void clampsPageAndSizeIntoBounds() {
        assertThat(Paging.page(-3)).isZero();
        assertThat(Paging.page(4)).isEqualTo(4);
        assertThat(Paging.size(0, 200)).isEqualTo(1);
        assertThat(Paging.size(-5, 200)).isEqualTo(1);
        assertThat(Paging.size(50, 200)).isEqualTo(50);
        assertThat(Paging.size(10_000, 200)).isEqualTo(200);
    }

    @Test
    void requestCarriesTheClampedValuesAndTheSort() {
        assertThat(Paging.request(-1, 500, 100, Sort.by("name")))
                .isEqualTo(PageRequest.of(0, 100, Sort.by("name")));
    }
}
