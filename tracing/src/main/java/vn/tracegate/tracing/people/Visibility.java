package vn.tracegate.tracing.people;

import java.util.Objects;

/**
 * Whose personal details (name, phone, team) a viewer may see. A health officer sees everyone; a
 * safety team of enterprise E sees E's workers and only the id and enterprise of anyone else.
 */
public interface Visibility {

  /** Whether details of a worker of this enterprise (null if unknown) may be shown. */
  boolean showsDetailsOf(String enterpriseId);

  /** Park-wide: a health officer or an admin. */
  static Visibility everyone() {
    return enterpriseId -> true;
  }

  /** A safety team: only its own enterprise's workers in full. */
  static Visibility enterprise(String enterpriseId) {
    Objects.requireNonNull(enterpriseId, "enterpriseId");
    return other -> enterpriseId.equals(other);
  }

  /** The details this viewer may see of {@code person}; null stays null. */
  default PersonDetails apply(PersonDetails person) {
    if (person == null || showsDetailsOf(person.enterpriseId())) {
      return person;
    }
    return person.masked();
  }
}
