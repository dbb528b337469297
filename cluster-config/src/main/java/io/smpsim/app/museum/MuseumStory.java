package io.smpsim.app.museum;

import java.util.List;

/**
 * One behaviour story of a seed (a commit of the i386 NMI watchdog's or sch_api.c's history), as
 * the museum catalogue describes it: what the bug was, whether smpsim can show it, and if not,
 * why not.
 *
 * @param id the story's row in museum/stories.md ({@code N1}, {@code S30})
 * @param name the name {@code smpsim museum run} takes: the quirk's where there is one
 * @param seed the seed file the commit message is in
 * @param lines the lines of the seed where the story's commit messages start (the seeds carry
 *     no commit hashes)
 * @param commit the first line of the commit message
 * @param story the story in a line
 * @param status whether smpsim shows it
 * @param quirk the machine quirk that brings the bug back, or null
 * @param bootOption where the commit added a feature, the boot option that turns it off (the
 *     kernel before the commit), or null
 * @param scenario the scenario under scenarios/museum/ (without .conf), or null
 * @param withQuirk what a machine shows with the bug (the quirk on), or null
 * @param withoutQuirk what a machine shows with the fix, or null
 * @param bugShows a log text only the run with the quirk prints, or null
 * @param fixShows a log text only the run without the quirk prints, or null
 * @param note what the scenario does not show of the story, or null
 * @param blocked why the story cannot be shown yet, or null when it can
 */
public record MuseumStory(String id, String name, String seed, List<Integer> lines, String commit,
    String story, Status status, String quirk, String bootOption, String scenario, String withQuirk,
    String withoutQuirk, String bugShows, String fixShows, String note, String blocked) {

  /** How far smpsim shows a story. */
  public enum Status {
    /** A quirk and a scenario show the bug, and the same scenario without the quirk the fix. */
    REPRODUCED("reproduced"),
    /** smpsim shows the fixed behaviour only. */
    FIXED_ONLY("fixed-only"),
    /** smpsim shows neither. */
    MISSING("missing"),
    /** A build, type or clean-up commit: no behaviour to show. */
    NOT_APPLICABLE("not-applicable");

    private final String key;

    Status(String key) {
      this.key = key;
    }

    /** The name the catalogue uses. */
    public String key() {
      return key;
    }

    static Status byKey(String key) {
      for (Status s : values()) {
        if (s.key.equals(key)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown museum status '" + key + "'");
    }
  }

  /** Whether {@code smpsim museum run} can show this story both ways. */
  public boolean runnable() {
    return status == Status.REPRODUCED;
  }

  /** What brings the bug back: {@code quirk X} or {@code boot option X}, or null. */
  public String bugSwitch() {
    return quirk != null ? "quirk " + quirk
        : bootOption != null ? "boot option " + bootOption : null;
  }

  /** Where the commit is: {@code 000:16} (the seed's number and the message's first line). */
  public String where() {
    StringBuilder b = new StringBuilder();
    for (int line : lines) {
      b.append(b.isEmpty() ? "" : ",").append(seed, 0, 3).append(':').append(line);
    }
    return b.toString();
  }
}
