package vn.tracegate.checkin.qr;

import java.time.Instant;

/**
 * A freshly signed worker badge: the text to put in the QR code and when it stops being valid,
 * so the app knows when to fetch the next one.
 *
 * @param payload the signed badge payload
 * @param validUntil the first instant at which the badge is no longer valid
 */
public record BadgeToken(String payload, Instant validUntil) {}
