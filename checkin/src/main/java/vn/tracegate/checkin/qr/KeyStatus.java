package vn.tracegate.checkin.qr;

/**
 * Life cycle of a signing key. Rotation moves the old key to {@link #RETIRED} so printed posters
 * keep working; {@link #REVOKED} refuses everything the key ever signed.
 */
public enum KeyStatus {
  /** Signs new codes and verifies. */
  ACTIVE,
  /** Verifies codes it signed earlier, signs nothing new. */
  RETIRED,
  /** Refused: codes signed with it are no longer accepted. */
  REVOKED
}
