package vn.tracegate.checkin.access;

import java.util.Locale;
import java.util.Optional;

/** Who is calling, as carried in a token or implied by a device API key (DESIGN.md, Roles). */
public enum Role {
  /** A scanner: scans for its own checkpoints only. */
  DEVICE,
  /** A worker's app: own scans, own status, own badge. */
  WORKER,
  /** An enterprise's Covid safety team: its presence and traces; others' contacts masked. */
  SAFETY,
  /** A park or province health officer: park-wide traces and exports. */
  HEALTH,
  /** Registry and keys. */
  ADMIN;

  public static Optional<Role> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(text.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
