package io.inetpublish.customer.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.inetpublish.common.test.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@ServiceIntegrationTest
class CustomerApiIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    CustomerRepository customers;

    @Test
    void createsACustomerAndFindsItByName() {
        String name = "Acme " + UUID.randomUUID();
        assertThat(mvc.post().uri("/api/customers").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\",\"owner\":\"zhang.san\"}"))
                .hasStatus(HttpStatus.CREATED)
                .bodyJson().extractingPath("$.name").isEqualTo(name);

        assertThat(mvc.get().uri("/api/customers").param("q", name))
                .hasStatusOk()
                .bodyJson().extractingPath("$.items[0].owner").isEqualTo("zhang.san");
    }

    @Test
    void refusesABlankNameNamingTheField() {
        long before = customers.count();
        assertThat(mvc.post().uri("/api/customers").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\" \"}"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("name");
        assertThat(customers.count()).isEqualTo(before);
    }

    @Test
    void refusesADuplicateNameAndKeepsTheFirst() {
        String name = "Dup " + UUID.randomUUID();
        String body = "{\"name\":\"" + name + "\"}";
        assertThat(mvc.post().uri("/api/customers").contentType(MediaType.APPLICATION_JSON).content(body))
                .hasStatus(HttpStatus.CREATED);
        assertThat(mvc.post().uri("/api/customers").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name.toUpperCase() + "\"}"))
                .hasStatus(HttpStatus.CONFLICT)
                .bodyJson().extractingPath("$.type").isEqualTo("https://inetpublish.io/problems/conflict");
        assertThat(mvc.get().uri("/api/customers").param("q", name))
                .bodyJson().extractingPath("$.totalItems").isEqualTo(1);
    }

    @Test
    void answersUnknownCustomerWithNotFoundProblem() {
        assertThat(mvc.get().uri("/api/customers/" + UUID.randomUUID()))
                .hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson().extractingPath("$.type").isEqualTo("https://inetpublish.io/problems/not-found");
    }
}
