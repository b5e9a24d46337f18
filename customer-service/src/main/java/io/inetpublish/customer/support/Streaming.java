package io.inetpublish.customer.support;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Runs a query and hands each row to {@code sink} as it arrives, 500 rows per round trip, instead of loading the
 * whole result (CSV exports of the impact search and the operation log). Needs a surrounding transaction: the
 * PostgreSQL driver only streams with auto-commit off.
 */
public final class Streaming {

    private Streaming() {
    }

    public static <T> void each(JdbcTemplate jdbc, String sql, List<Object> args, RowMapper<T> mapper,
            Consumer<T> sink) {
        jdbc.query(connection -> {
            var ps = connection.prepareStatement(sql);
            ps.setFetchSize(500);
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            return ps;
        }, rs -> {
            sink.accept(mapper.mapRow(rs, 0));
        });
    }
}
