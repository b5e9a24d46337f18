package io.inetpublish.release.release;

import java.time.Instant;

import io.inetpublish.release.ReleaseProperties;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands out {@code REL-<year>-<seq>} numbers: one counter row per year, bumped by an upsert whose row lock is held
 * until the submitting transaction ends, so two submits never get the same number, and a rolled-back submit gives
 * its number back.
 */
@Component
@RequiredArgsConstructor
class ReleaseNumbers {

    private final JdbcTemplate jdbc;
    private final ReleaseProperties properties;

    @Transactional(propagation = Propagation.MANDATORY)
    String next(Instant at) {
        int year = at.atZone(properties.zone()).getYear();
        Integer seq = jdbc.queryForObject("""
                insert into release_number_counter (year, last_value) values (?, 1)
                on conflict (year) do update set last_value = release_number_counter.last_value + 1
                returning last_value
                """, Integer.class, year);
        return "REL-%d-%04d".formatted(year, seq);
    }
}
