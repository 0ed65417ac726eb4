package vn.tracegate.tracing.people;

import java.util.Objects;

/** What a trace list shows of a worker, as the registry holds it. */
public record PersonDetails(String workerId, String fullName, String phone, String enterpriseId, String team) {

  public PersonDetails {
    Objects.requireNonNull(workerId, "workerId");
  }

  /** Only what anyone may see: the id and the enterprise. */
  public PersonDetails masked() {
    return new PersonDetails(workerId, null, null, enterpriseId, null);
  }
}
