package io.inetpublish.common.messaging;

import java.time.Instant;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.EventEnvelope;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads event envelopes the way every consumer does: with the application's {@link JsonMapper}, but tolerant of
 * properties it does not know, so a producer adding a field never breaks an older consumer, and of properties that
 * are missing (null, or {@code false}/{@code 0} for a primitive), so a consumer that knows a newer field still reads
 * events of an older producer. A value of a closed set (an enum of {@code io.inetpublish.common.event}) that this
 * version does not know reads as null, so a producer adding a value never breaks an older consumer either; the
 * records answer their questions ("completed?") with no for it (docs/events.md, "Compatibility").
 */
public final class EventCodec {

    private final JsonMapper json;

    public EventCodec(JsonMapper applicationMapper) {
        this.json = applicationMapper.rebuild()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                .build();
    }

    /** The envelope with its payload still as JSON; fails when the body is not an envelope. */
    public RawEvent readRaw(byte[] body) {
        RawEvent raw;
        try {
            raw = json.readValue(body, RawEvent.class);
        } catch (JacksonException ex) {
            throw new UnreadableEventException("not a JSON event envelope: " + ex.getOriginalMessage(), ex);
        }
        if (raw == null || raw.eventId() == null || raw.type() == null || raw.occurredAt() == null
                || raw.actor() == null || raw.payload() == null || raw.payload().isNull()) {
            throw new UnreadableEventException(
                    "event envelope lacks eventId, type, occurredAt, actor or payload", null);
        }
        return raw;
    }

    /** The envelope with its payload read into {@code payloadType}. */
    public <P> EventEnvelope<P> withPayload(RawEvent raw, Class<P> payloadType) {
        try {
            P payload = json.treeToValue(raw.payload(), payloadType);
            return new EventEnvelope<>(raw.eventId(), raw.type(), raw.occurredAt(), raw.actor(), payload);
        } catch (JacksonException ex) {
            throw new UnreadableEventException("payload of " + raw.type() + " is not a readable "
                    + payloadType.getSimpleName() + ": " + ex.getOriginalMessage(), ex);
        }
    }

    public <P> EventEnvelope<P> read(byte[] body, Class<P> payloadType) {
        return withPayload(readRaw(body), payloadType);
    }

    public byte[] write(EventEnvelope<?> envelope) {
        return json.writeValueAsBytes(envelope);
    }

    /** An envelope whose payload is not read yet. */
    public record RawEvent(UUID eventId, String type, Instant occurredAt, Actor actor, JsonNode payload) {
    }
}
