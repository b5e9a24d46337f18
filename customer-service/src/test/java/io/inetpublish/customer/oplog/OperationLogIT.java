package io.inetpublish.customer.oplog;

import static io.inetpublish.customer.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.ComponentVersion;
import io.inetpublish.common.event.ReleaseDeployed;
import io.inetpublish.common.event.SyncSource;
import io.inetpublish.common.event.UpdateType;
import io.inetpublish.common.test.ServiceIntegrationTest;
import io.inetpublish.customer.support.CustomerItSupport;
import io.inetpublish.customer.sync.SyncCommand;
import io.inetpublish.customer.sync.VersionSyncService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

@ServiceIntegrationTest
class OperationLogIT extends CustomerItSupport {

    @Autowired
    VersionSyncService sync;

    UUID customer;
    UUID env;
    String gateway;
    String operator;

    @BeforeEach
    void history() {
        customer = fx.customer(unique("Log"), "zhao.liu");
        env = fx.environment(customer, "prod", "PROD");
        gateway = fx.component("2.0");
        fx.install(env, gateway, "1.0");
        fx.send(mvc.put().uri("/api/environments/{id}/components/{c}", env, gateway)
                .contentType(MediaType.APPLICATION_JSON).content("{\"version\":\"1.5\"}").exchange(), 200);
        operator = unique("deployer");
        sync.apply(new SyncCommand(UUID.randomUUID(), SyncSource.CUSTOMER_DEPLOYMENT, UUID.randomUUID(), "R-1", UpdateType.RE, true,
                List.of(new ReleaseDeployed.Target(env, List.of(new ComponentVersion(gateway, "2.0")))),
                new Actor("id-" + operator, operator)));
    }

    JsonNode log(String query) {
        return fx.get("/api/operation-logs?" + query);
    }

    @Test
    void recordsEveryChangeOfACustomerNewestFirst() {
        JsonNode page = log("customerId=" + customer);
        assertThat(page.get("items").findValuesAsString("action")).containsExactly("VERSIONS_SYNCED",
                "VERSION_CHANGED", "COMPONENT_ADDED", "ENVIRONMENT_CREATED", "CUSTOMER_CREATED");
        JsonNode changed = page.get("items").get(1);
        assertThat(changed.get("environmentName").asString()).isEqualTo("prod");
        assertThat(changed.get("changes").get(0).get("component").asString()).isEqualTo(gateway);
        assertThat(changed.get("changes").get(0).get("from").asString()).isEqualTo("1.0");
        assertThat(changed.get("changes").get(0).get("to").asString()).isEqualTo("1.5");
        assertThat(changed.get("actor").get("name").asString()).isNotBlank();
        assertThat(changed.get("actor").propertyNames()).containsExactly("id", "name");
    }

    @Test
    void filtersByEnvironmentComponentOperatorUpdateTypeAndTime() {
        assertThat(log("environmentId=" + env).get("totalItems").asInt()).isEqualTo(4);
        assertThat(log("component=" + gateway).get("items").findValuesAsString("action"))
                .containsExactly("VERSIONS_SYNCED", "VERSION_CHANGED", "COMPONENT_ADDED", "COMPONENT_CREATED");
        assertThat(log("operator=" + operator).get("items").findValuesAsString("action"))
                .containsExactly("VERSIONS_SYNCED");
        assertThat(log("operator=id-" + operator).get("totalItems").asInt()).isEqualTo(1);
        assertThat(log("customerId=" + customer + "&action=VERSION_CHANGED").get("items")
                .findValuesAsString("action")).containsExactly("VERSION_CHANGED");
        assertThat(log("customerId=" + customer + "&updateType=RE").get("items").get(0).get("configChange")
                .asBoolean()).isTrue();
        String future = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        String past = Instant.now().minus(1, ChronoUnit.HOURS).toString();
        assertThat(log("customerId=" + customer + "&from=" + future).get("totalItems").asInt()).isZero();
        assertThat(log("customerId=" + customer + "&from=" + past + "&to=" + future).get("totalItems").asInt())
                .isEqualTo(5);
    }

    @Test
    void refusesBadFiltersNamingTheField() {
        assertThat(mvc.get().uri("/api/operation-logs").param("updateType", "COLD"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field")
                .isEqualTo("updateType");
        assertThat(mvc.get().uri("/api/operation-logs").param("from", "yesterday"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field").isEqualTo("from");
        // action, kind and update type are closed sets: the values they take are named, in the reader's language
        assertThat(mvc.get().uri("/api/operation-logs").param("action", "ARCHIVED"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field").isEqualTo("action");
        assertThat(mvc.get().uri("/api/operation-logs").param("kind", "PLANET").header("Accept-Language", "en"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].message")
                .isEqualTo("must be one of " + String.join(", ",
                        Arrays.stream(AuditEvent.Kind.values()).map(Enum::name).toList()));
        // the export takes the same search
        assertThat(mvc.get().uri("/api/operation-logs/export").param("customerId", "not-a-uuid"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field")
                .isEqualTo("customerId");
    }

    /**
     * The catalog and the mainline are in the one audit trail too (issue 16, item 4): adding, editing, retiring and
     * reinstating a component and setting its mainline by hand are entries naming the operator, the component and
     * what changed (the mainline from → to), found by the component and by their kind.
     */
    @Test
    void catalogAndMainlineChangesAreEntriesWithOperatorTargetAndChange() {
        String name = fx.component("2.0.0");
        fx.send(mvc.put().uri("/api/components/{name}/mainline", name).contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":\"2.1.0\"}").exchange(), 200);
        fx.send(mvc.put().uri("/api/components/{name}", name).contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"SERVICE\",\"description\":\"API 网关\"}").exchange(), 200);
        fx.send(mvc.post().uri("/api/components/{name}/retire", name).exchange(), 200);
        fx.send(mvc.post().uri("/api/components/{name}/reinstate", name).exchange(), 200);

        JsonNode items = log("target=" + name).get("items");
        assertThat(items.findValuesAsString("action")).containsExactly("COMPONENT_REINSTATED", "COMPONENT_RETIRED",
                "COMPONENT_UPDATED", "MAINLINE_SET", "COMPONENT_CREATED");
        for (JsonNode entry : items) {
            assertThat(entry.get("targetName").asString()).isEqualTo(name);
            assertThat(entry.at("/actor/id").asString()).isNotBlank();
            assertThat(entry.at("/actor/name").asString()).isNotBlank();
        }
        JsonNode mainline = items.get(3);
        assertThat(mainline.get("kind").asString()).isEqualTo("MAINLINE");
        assertThat(mainline.at("/changes/0/component").asString()).isEqualTo(name);
        assertThat(mainline.at("/changes/0/from").asString()).isEqualTo("2.0.0");
        assertThat(mainline.at("/changes/0/to").asString()).isEqualTo("2.1.0");
        assertThat(log("kind=MAINLINE&target=" + name).get("items").findValuesAsString("action"))
                .containsExactly("MAINLINE_SET");
        assertThat(log("kind=COMPONENT&target=" + name).get("totalItems").asInt()).isEqualTo(4);
    }

    @Test
    void exportsTheFilteredLogAsCsv() throws Exception {
        var result = mvc.get().uri("/api/operation-logs/export").param("environmentId", env.toString()).exchange();
        assertThat(result).hasStatusOk().hasContentType("text/csv;charset=UTF-8");
        String[] lines = result.getResponse().getContentAsString().split("\r\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).startsWith("time,operator,action,customer,environment,components,updateType");
        assertThat(lines[1]).contains(operator, "VERSIONS_SYNCED", gateway + " 1.5 → 2.0", ",RE,true,R-1,");
    }

    @Test
    void offersNoWayToChangeOrDeleteAnEntry() {
        long id = log("environmentId=" + env).get("items").get(0).get("id").asLong();
        assertThat(mvc.delete().uri("/api/operation-logs/{id}", id)).hasStatus4xxClientError();
        assertThat(mvc.put().uri("/api/operation-logs/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .content("{}")).hasStatus4xxClientError();
        assertThat(mvc.delete().uri("/api/operation-logs")).hasStatus(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(log("environmentId=" + env).get("totalItems").asInt()).isEqualTo(4);
    }
}
