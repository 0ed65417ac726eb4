package vn.tracegate.checkin.qr;

/**
 * What a signed QR code stands for. The kind is part of the signed bytes, so a poster can never be
 * replayed where a badge is expected, nor the other way round.
 */
public enum QrKind {
  /** A static checkpoint poster, scanned by a worker's phone. */
  POSTER("P"),
  /** A worker's badge with a validity window, scanned by a gate or bus device. */
  BADGE("B");

  private final String tag;

  QrKind(String tag) {
    this.tag = tag;
  }

  /** The one-letter tag this kind has in a payload. */
  String tag() {
    return tag;
  }

  /** What a person calls this kind in a message. */
  String noun() {
    return this == POSTER ? "checkpoint poster" : "worker badge";
  }
}
