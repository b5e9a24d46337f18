package io.inetpublish.common.people;

/**
 * A person as every API answer names one (issue 16, item 6): {@code {"id": "ou_…", "name": "张三"}}, the same for who
 * submitted, requested, recorded, created or changed something. {@code id} is the platform's person id (the Feishu
 * open_id; {@code system} for the platform itself) and may be null where only a name was ever recorded (free text
 * written before people were platform people).
 */
public record PersonRef(String id, String name) {

    /** The person, or null when neither id nor name is known (nobody did it yet). */
    public static PersonRef of(String id, String name) {
        return id == null && name == null ? null : new PersonRef(id, name);
    }
}
