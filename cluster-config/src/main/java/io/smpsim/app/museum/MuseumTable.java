package io.smpsim.app.museum;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smpsim.app.museum.MuseumStory.Status;

/**
 * The catalogue as a reader sees it: the terminal table of {@code smpsim museum}, its
 * {@code --json} form, and the README's "The seed museum" table (generated, never edited by
 * hand: a test keeps the two equal).
 */
public final class MuseumTable {

  /** The README line before the generated table. */
  public static final String README_BEGIN = "<!-- museum table: generated from the catalogue;"
      + " MuseumReadmeTest rewrites it with -Dsmpsim.updateGolden=true -->";
  /** The README line after the generated table. */
  public static final String README_END = "<!-- end of museum table -->";

  private static final int STORY_WIDTH = 64;

  private MuseumTable() {}

  /** One line per story: row, name, status, quirk, the story (cut to fit), then the counts. */
  public static String text(MuseumCatalogue catalogue) {
    int nameWidth = 4;
    for (MuseumStory s : catalogue.stories()) {
      nameWidth = Math.max(nameWidth, s.name().length());
    }
    String format = "%-4s %-" + nameWidth + "s %-14s %-3s %s%n";
    StringBuilder b = new StringBuilder(String.format(format, "#", "NAME", "STATUS", "RUN",
        "STORY"));
    for (MuseumStory s : catalogue.stories()) {
      b.append(String.format(format, s.id(), s.name(), s.status().key(),
          s.runnable() ? "yes" : "-", cut(s.story(), STORY_WIDTH)));
    }
    b.append(String.format("%n%d stories: %d reproduced, %d fixed-only, %d missing,"
        + " %d not-applicable.%n", catalogue.stories().size(), catalogue.count(Status.REPRODUCED),
        catalogue.count(Status.FIXED_ONLY), catalogue.count(Status.MISSING),
        catalogue.count(Status.NOT_APPLICABLE)));
    b.append("smpsim museum run NAME shows a story marked RUN both ways;"
        + " smpsim museum --json has every field, the reason a story cannot be shown"
        + " included.\n");
    return b.toString();
  }

  private static String cut(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 3) + "...";
  }

  /** Every story with every field, as a JSON array. */
  public static ArrayNode json(MuseumCatalogue catalogue, ObjectMapper mapper) {
    ArrayNode all = mapper.createArrayNode();
    for (MuseumStory s : catalogue.stories()) {
      ObjectNode o = all.addObject();
      o.put("id", s.id());
      o.put("name", s.name());
      o.put("seed", s.seed());
      ArrayNode lines = o.putArray("lines");
      s.lines().forEach(lines::add);
      o.put("commit", s.commit());
      o.put("story", s.story());
      o.put("status", s.status().key());
      o.put("quirk", s.quirk());
      o.put("bootOption", s.bootOption());
      o.put("scenario", s.scenario() == null ? null : scenarioPath(s));
      o.put("withQuirk", s.withQuirk());
      o.put("withoutQuirk", s.withoutQuirk());
      o.put("note", s.note());
      o.put("blocked", s.blocked());
    }
    return all;
  }

  /** The story's scenario file, relative to the repository root. */
  public static String scenarioPath(MuseumStory s) {
    return "scenarios/museum/" + s.scenario() + ".conf";
  }

  /** The README's table, between {@link #README_BEGIN} and {@link #README_END} (exclusive). */
  public static String markdown(MuseumCatalogue catalogue) {
    StringBuilder b = new StringBuilder();
    b.append("| # | story | seed:line | quirk / scenario | with the quirk (the bug)"
        + " | without the quirk (the fix) | shown? |\n");
    b.append("|---|---|---|---|---|---|---|\n");
    for (MuseumStory s : catalogue.stories()) {
      String shown = s.runnable()
          ? "**yes**: `smpsim museum run " + s.name() + "`"
              + (s.note() == null ? "" : "; " + s.note())
          : s.status().key() + ": " + s.blocked();
      b.append("| ").append(s.id())
          .append(" | ").append(cell(s.story()))
          .append(" | ").append(s.where())
          .append(" | ").append(s.scenario() == null ? "—"
              : (s.quirk() != null ? "`" + s.quirk() + "`" : "boot option `" + s.bootOption()
                  + "`") + ", `" + scenarioPath(s) + "`")
          .append(" | ").append(cell(s.withQuirk()))
          .append(" | ").append(cell(s.withoutQuirk()))
          .append(" | ").append(cell(shown)).append(" |\n");
    }
    return b.toString();
  }

  private static String cell(String s) {
    return s == null ? "—" : s.replace("|", "\\|").replace("\n", " ");
  }
}
