package dev.threadwork.fakes.slack;

/**
 * A modal or App Home view as last opened / updated / published.
 *
 * @param userId   owner of a published Home view; null for modals
 * @param viewJson the view definition as sent
 */
public record FakeView(String id, String externalId, String type, String userId, String viewJson, String hash,
                       int version) {
}
