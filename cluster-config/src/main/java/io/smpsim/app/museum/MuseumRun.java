package io.smpsim.app.museum;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import io.smpsim.app.run.RunSummary;
import io.smpsim.app.run.Runner;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioException;
import io.smpsim.app.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A museum story run both ways: its scenario as shipped (the quirk on: the kernel before the
 * fix), then the same scenario with the quirk taken off every machine (the fixed kernel), each
 * printed as {@code smpsim run} prints it (kernel log and timeline commands). A story whose
 * commit added a feature is switched by the boot option that turns the feature off instead.
 *
 * @param story the story
 * @param scenarioFile the scenario file
 * @param withQuirk the run with the quirk
 * @param withoutQuirk the run without it
 */
public record MuseumRun(MuseumStory story, Path scenarioFile, Output withQuirk,
    Output withoutQuirk) {

  /**
   * One run's output.
   *
   * @param lines what it printed: the console lines, then smpsim's own notes (a panic)
   * @param traceHash the run's trace hash
   */
  public record Output(List<String> lines, long traceHash) {

    /** Whether a line contains {@code text}. */
    public boolean shows(String text) {
      return lines.stream().anyMatch(l -> l.contains(text));
    }
  }

  /** Runs {@code story} (a reproduced one) from its scenario in {@code dir} on {@code nodes}. */
  public static MuseumRun run(MuseumStory story, Path dir, int nodes) {
    if (!story.runnable()) {
      throw new IllegalArgumentException(story.id() + " cannot be shown");
    }
    Path file = dir.resolve(story.scenario() + ".conf");
    if (!Files.isRegularFile(file)) {
      throw new ScenarioException("museum story " + story.name() + ": no scenario " + file
          + " (run smpsim museum from the smpsim directory, or give --dir)");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ScenarioLoader loader = new ScenarioLoader();
    Scenario on = loader.load(text, file.toString(), null, null);
    String fixed = story.quirk() != null ? withoutQuirk(text, story.quirk(), file.toString())
        : withoutBootOption(text, story.bootOption(), file.toString());
    Scenario off = loader.load(fixed, file + " without " + story.bugSwitch(), null, null);
    return new MuseumRun(story, file, output(loader, on, nodes), output(loader, off, nodes));
  }

  /**
   * The scenario {@code text} with {@code quirk} removed from every machine's {@code quirks}:
   * the same machines, timeline and seed, running the fixed kernel.
   */
  static String withoutQuirk(String text, String quirk, String origin) {
    Config c = machines(text, origin);
    List<Object> machines = new ArrayList<>();
    boolean found = false;
    for (Config m : c.getConfigList("machines")) {
      Config out = m;
      if (m.hasPath("quirks")) {
        List<String> quirks = new ArrayList<>(m.getStringList("quirks"));
        found |= quirks.remove(quirk);
        out = quirks.isEmpty() ? m.withoutPath("quirks")
            : m.withValue("quirks", ConfigValueFactory.fromIterable(quirks));
      }
      machines.add(out.root().unwrapped());
    }
    if (!found) {
      throw new ScenarioException(origin + ": no machine has the quirk " + quirk);
    }
    return render(c, machines);
  }

  /**
   * The scenario {@code text} with the boot option {@code option} taken off every machine's
   * command line.
   */
  static String withoutBootOption(String text, String option, String origin) {
    Config c = machines(text, origin);
    List<Object> machines = new ArrayList<>();
    boolean found = false;
    for (Config m : c.getConfigList("machines")) {
      Config out = m;
      if (m.hasPath("cmdline")) {
        List<String> words = new ArrayList<>(List.of(m.getString("cmdline").trim().split("\\s+")));
        found |= words.remove(option);
        out = m.withValue("cmdline", ConfigValueFactory.fromAnyRef(String.join(" ", words)));
      }
      machines.add(out.root().unwrapped());
    }
    if (!found) {
      throw new ScenarioException(origin + ": no machine boots with " + option);
    }
    return render(c, machines);
  }

  private static Config machines(String text, String origin) {
    Config c = ConfigFactory.parseString(text);
    if (!c.hasPath("machines")) {
      throw new ScenarioException(origin + ": a museum scenario has machines");
    }
    return c;
  }

  private static String render(Config c, List<Object> machines) {
    ConfigValue list = ConfigValueFactory.fromIterable(machines);
    return c.withValue("machines", list).root()
        .render(ConfigRenderOptions.concise().setFormatted(true));
  }

  private static Output output(ScenarioLoader loader, Scenario sc, int nodes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    RunSummary summary;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      summary = new Runner(loader).console(true).quiet(true).run(sc, nodes, o, e, null);
    }
    List<String> lines = new ArrayList<>(out.toString(StandardCharsets.UTF_8).lines().toList());
    lines.addAll(err.toString(StandardCharsets.UTF_8).lines().toList());
    return new Output(lines, summary.traceHash());
  }

  /**
   * Both runs one after the other, each line marked {@code >>} when the other run did not
   * print it, then what the catalogue says each run shows and whether it did.
   */
  public String render() {
    boolean[][] shared = LineDiff.shared(withQuirk.lines(), withoutQuirk.lines(),
        LineDiff::key);
    String what = story.quirk() != null ? "quirk" : "boot option";
    StringBuilder b = new StringBuilder();
    b.append("museum ").append(story.id()).append(' ').append(story.name()).append(": ")
        .append(story.story()).append('\n');
    b.append("commit: seed ").append(story.seed()).append(" line ").append(story.lines().get(0))
        .append(": \"").append(story.commit()).append("\"\n");
    b.append("scenario: ").append(scenarioFile).append(", ").append(story.bugSwitch())
        .append('\n');
    if (story.note() != null) {
      b.append("note: ").append(story.note()).append('\n');
    }
    b.append("Lines marked >> were printed by one run only (timestamps aside).\n");
    section(b, "with the " + story.bugSwitch() + " (the kernel before the fix)", withQuirk,
        shared[0]);
    section(b, "without the " + what + " (the fixed kernel)", withoutQuirk, shared[1]);
    b.append("\n=== what differs ===\n");
    b.append("with the ").append(what).append(": ").append(story.withQuirk()).append('\n');
    b.append("without it: ").append(story.withoutQuirk()).append('\n');
    b.append(count(shared[0])).append(" line(s) only with the ").append(what).append(", ")
        .append(count(shared[1])).append(" only without it.\n");
    if (story.bugShows() != null) {
      b.append(check("'" + story.bugShows() + "' only with the " + what, bugShown()));
    }
    if (story.fixShows() != null) {
      b.append(check("'" + story.fixShows() + "' only without the " + what, fixShown()));
    }
    b.append(String.format("trace hash with the " + what + " %016x, without %016x%n",
        withQuirk.traceHash(), withoutQuirk.traceHash()));
    return b.toString();
  }

  /** Whether the bug's line is printed with the quirk and not without (true if none is named). */
  public boolean bugShown() {
    return story.bugShows() == null
        || withQuirk.shows(story.bugShows()) && !withoutQuirk.shows(story.bugShows());
  }

  /** Whether the fix's line is printed without the quirk and not with (true if none is named). */
  public boolean fixShown() {
    return story.fixShows() == null
        || withoutQuirk.shows(story.fixShows()) && !withQuirk.shows(story.fixShows());
  }

  private static String check(String what, boolean ok) {
    return (ok ? "as the catalogue says: " : "NOT as the catalogue says: ") + what + "\n";
  }

  private static void section(StringBuilder b, String title, Output o, boolean[] shared) {
    b.append("\n=== ").append(title).append(" ===\n");
    for (int i = 0; i < o.lines().size(); i++) {
      b.append(shared[i] ? "   " : ">> ").append(o.lines().get(i)).append('\n');
    }
  }

  private static int count(boolean[] shared) {
    int n = 0;
    for (boolean s : shared) {
      n += s ? 0 : 1;
    }
    return n;
  }
}
