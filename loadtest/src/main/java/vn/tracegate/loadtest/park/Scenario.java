package vn.tracegate.loadtest.park;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.tracegate.loadtest.park.DayTimeline.ScanEvent;

/**
 * Which part of the day's timeline a run replays, in order and round again when it runs out.
 * The replay is compressed to the run's arrival rate; only the order of who scans where is taken
 * from the timeline.
 */
public enum Scenario {
  /** 13:00–15:00: the day shift leaves through gates onto buses while the swing shift arrives. */
  SHIFT_CHANGE("shift-change", 13 * 3600, 15 * 3600),
  /** The whole day from 05:00 on: all three changes, meals and the quiet hours between. */
  STEADY("steady", 5 * 3600, 5 * 3600);

  private final String cliName;
  private final int fromSecond;
  private final int toSecond;

  Scenario(String cliName, int fromSecond, int toSecond) {
    this.cliName = cliName;
    this.fromSecond = fromSecond;
    this.toSecond = toSecond;
  }

  public String cliName() {
    return cliName;
  }

  /** The scans this scenario replays, in replay order. */
  public List<ScanEvent> events(DayTimeline day) {
    if (fromSecond != toSecond) {
      return day.window(fromSecond, toSecond);
    }
    List<ScanEvent> out = new ArrayList<>(day.window(fromSecond, 86_400));
    out.addAll(day.window(0, fromSecond));
    return out;
  }

  public static Scenario parse(String name) {
    for (Scenario s : values()) {
      if (s.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException("--scenario must be shift-change or steady, got '" + name + "'");
  }
}
