package vn.tracegate.tracing.export;

import java.time.Instant;
import java.util.List;

/**
 * One line of a trace list, details already masked for the viewer (null where not shown).
 *
 * @param places names of the checkpoints of the contacts that exposed this worker, oldest first
 * @param minutes total minutes of those contacts; null for the F0
 */
public record TraceListRow(
    String level,
    String workerId,
    String fullName,
    String phone,
    String enterpriseId,
    String team,
    Instant firstExposureAt,
    List<String> places,
    Long minutes,
    String via) {}
