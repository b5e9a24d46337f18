package io.inetpublish.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.inetpublish.common.security.Role;
import io.inetpublish.common.test.PlainHttp;
import io.inetpublish.common.test.ServiceBaselineContract;
import org.junit.jupiter.api.Test;
import io.inetpublish.common.test.ServiceIntegrationTest;

@ServiceIntegrationTest
class BaselineIT extends ServiceBaselineContract {

    @Override
    protected String readPath() {
        return "/api/customers";
    }

    @Override
    protected String jsonEndpoint() {
        return "POST /api/customers";
    }

    @Test
    void boundsACsvImportByItsOwnLimitAlsoWhenItComesChunked() {
        String path = "/api/environments/" + UUID.randomUUID() + "/components/import";
        PlainHttp.Response over = service.sendChunked("POST", path, "text/csv", csv(11 * 1024 * 1024),
                token(Role.ADMIN));
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.body()).contains("body-too-large", "10 MB");
        // larger than other bodies may be, within the import's limit: read, then the unknown environment is 404
        assertThat(service.sendChunked("POST", path, "text/csv", csv(3 * 1024 * 1024), token(Role.ADMIN)).status())
                .isEqualTo(404);
    }

    private static InputStream csv(int bytes) {
        byte[] line = "component,version\n".getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            int sent;

            @Override
            public int read() {
                return sent < bytes ? line[sent++ % line.length] : -1;
            }
        };
    }
}
