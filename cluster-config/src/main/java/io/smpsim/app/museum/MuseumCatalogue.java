package io.smpsim.app.museum;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.smpsim.app.museum.MuseumStory.Status;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The seed museum's catalogue ({@code io/smpsim/app/museum/catalogue.conf}): one
 * {@link MuseumStory} per behaviour story of the two seeds, in the audit's order.
 */
public final class MuseumCatalogue {

  /** The catalogue's resource. */
  public static final String RESOURCE = "io/smpsim/app/museum/catalogue.conf";

  private final List<MuseumStory> stories;

  private MuseumCatalogue(List<MuseumStory> stories) {
    this.stories = List.copyOf(stories);
  }

  /** The catalogue shipped with smpsim. */
  public static MuseumCatalogue load() {
    Config c = ConfigFactory.parseResources(MuseumCatalogue.class.getClassLoader(), RESOURCE);
    if (!c.hasPath("stories")) {
      throw new IllegalStateException("no museum catalogue at " + RESOURCE);
    }
    List<MuseumStory> stories = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Config s : c.getConfigList("stories")) {
      MuseumStory story = new MuseumStory(s.getString("id"), s.getString("name"),
          s.getString("seed"), s.getIntList("lines"), s.getString("commit"),
          s.getString("story"), Status.byKey(s.getString("status")), opt(s, "quirk"),
          opt(s, "boot-option"), opt(s, "scenario"), opt(s, "with-quirk"), opt(s, "without-quirk"),
          opt(s, "bug-shows"), opt(s, "fix-shows"), opt(s, "note"), opt(s, "blocked"));
      check(story, seen);
      stories.add(story);
    }
    return new MuseumCatalogue(stories);
  }

  /** A reproduced story needs its quirk and scenario; any other, the reason it is not. */
  private static void check(MuseumStory s, Set<String> seen) {
    if (!seen.add(s.id()) || !seen.add(s.name())) {
      throw new IllegalStateException("museum story " + s.id() + " (" + s.name()
          + ") is catalogued twice");
    }
    boolean shown = (s.quirk() != null) != (s.bootOption() != null) && s.scenario() != null;
    if (s.runnable() != shown || s.runnable() == (s.blocked() != null)) {
      throw new IllegalStateException("museum story " + s.id() + ": a reproduced story has a"
          + " quirk or a boot option, and a scenario, any other says why it cannot be shown");
    }
  }

  private static String opt(Config c, String key) {
    return c.hasPath(key) ? c.getString(key) : null;
  }

  /** Every story, in the audit's order (N rows, then S rows). */
  public List<MuseumStory> stories() {
    return stories;
  }

  /** The story called {@code nameOrId} (its name or its row, case-insensitive), or null. */
  public MuseumStory find(String nameOrId) {
    for (MuseumStory s : stories) {
      if (s.name().equalsIgnoreCase(nameOrId) || s.id().equalsIgnoreCase(nameOrId)) {
        return s;
      }
    }
    return null;
  }

  /** Every story's name and row, for "did you mean". */
  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    for (MuseumStory s : stories) {
      names.add(s.name());
    }
    for (MuseumStory s : stories) {
      names.add(s.id());
    }
    return names;
  }

  /** How many stories have {@code status}. */
  public long count(Status status) {
    return stories.stream().filter(s -> s.status() == status).count();
  }
}
