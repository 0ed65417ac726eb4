package vn.tracegate.checkin.qr;

import java.time.Instant;

/**
 * What a QR payload says once its signature and key have been checked.
 *
 * @param kind poster or badge
 * @param kid id of the key that signed it
 * @param subjectId the checkpoint id (poster) or the worker id (badge)
 * @param issuedAt when a poster was signed; for a badge, the start of its validity
 * @param validUntil end of a badge's validity (exclusive); {@code null} for a poster
 */
public record VerifiedQr(
    QrKind kind, String kid, String subjectId, Instant issuedAt, Instant validUntil) {}
