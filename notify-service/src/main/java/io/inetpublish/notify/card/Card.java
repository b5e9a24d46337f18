package io.inetpublish.notify.card;

/**
 * A rendered interactive card.
 *
 * @param title the header title, also shown in the notification log
 * @param json the card object ({@code header}, {@code elements}) as JSON
 * @param link the platform page the card points to
 */
public record Card(String title, String json, String link) {
}
