package io.inetpublish.release.plan;

import java.util.UUID;

import io.inetpublish.release.ReleaseItSupport;
import tools.jackson.databind.JsonNode;

/**
 * What a test of upgrade plans starts from: a customer with a production environment, two components of names no
 * other test uses, and records of them submitted as a person would.
 */
abstract class PlanItSupport extends ReleaseItSupport {

    // new for each test (JUnit makes an instance per test method)
    final UUID customer = UUID.randomUUID();
    final UUID prod = UUID.randomUUID();
    final String gateway = unique("gateway");
    final String report = unique("report");

    /** Submits a record with these component=version items ("gateway=2.3.4"), config change on request. */
    JsonNode record(boolean configChange, String... items) {
        String title = "Fix " + String.join(" ", items);
        return submit("""
                {"title":"%s","tickets":[{"id":"%s","url":"https://tickets.example.com/1"}],
                 "description":"d","items":[%s],"updateType":"HOT","configChange":%s,%s
                 "manual":"# Steps for %s\\n1. stop\\n2. replace"}"""
                .formatted(title, unique("T"), knownItems(items), configChange,
                        configChange ? "\"configNotes\":\"set timeout=30 in " + items[0] + "\"," : "", title));
    }
}
