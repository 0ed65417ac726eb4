package vn.tracegate.checkin.audit;

/** What an audited request did. Reads of personal data and every change to the registry or keys. */
public enum AuditAction {
  /** A contact trace was computed (POST /v1/traces). */
  TRACE,
  /** A trace list was downloaded (CSV or XLSX). */
  EXPORT,
  /** Who is inside a checkpoint now was listed. */
  PRESENCE,
  /** An enterprise, checkpoint, worker or device was registered. */
  REGISTRY_CREATE,
  /** A worker roster (CSV) was imported. */
  REGISTRY_IMPORT,
  /** A worker app enrolment token was issued. */
  ENROL,
  /** A worker's badge QR was fetched by someone other than the worker. */
  BADGE,
  /** A checkpoint poster QR was fetched. */
  POSTER,
  /** A new QR signing key was made active. */
  KEY_ROTATE,
  /** A QR signing key was revoked. */
  KEY_REVOKE,
  /** A scanner device's API key was revoked. */
  DEVICE_REVOKE
}
