package io.smpsim.app.museum;

import io.smpsim.app.cli.ExitCodes;
import io.smpsim.app.cli.Main;
import io.smpsim.app.cli.Suggestions;
import io.smpsim.app.cluster.RunTarget;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code smpsim museum run NAME}: runs a story's scenario with its quirk (the kernel before the
 * fix) and without (the fixed kernel), and prints both with the lines that differ marked.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a museum story both ways, quirk on and quirk off; lines printed by one"
        + " run only are marked >>.")
public final class MuseumRunCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "NAME",
      description = "The story: its name or its row (N24); smpsim museum lists them.")
  String name;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "scenarios/museum",
      description = "Where the museum's scenarios are (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--nodes", paramLabel = "N", defaultValue = "1",
      description = "In-JVM cluster nodes for each run (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Override
  public Integer call() {
    return Main.guard(() -> {
      MuseumCatalogue catalogue = MuseumCatalogue.load();
      MuseumStory story = catalogue.find(name);
      if (story == null) {
        System.err.println("smpsim: no museum story '" + name + "'");
        String near = Suggestions.nearest(name, catalogue.names());
        if (near != null) {
          System.err.println("Did you mean: smpsim museum run " + near + "?");
        }
        System.err.println("smpsim museum lists the stories.");
        return ExitCodes.INVALID_INPUT;
      }
      if (!story.runnable()) {
        System.err.println("smpsim: museum story " + story.id() + " (" + story.name()
            + ") cannot be shown yet (" + story.status().key() + "): " + story.blocked());
        return ExitCodes.INVALID_INPUT;
      }
      if (nodes < 1 || nodes > RunTarget.MAX_NODES) {
        System.err.println("smpsim: --nodes must be between 1 and " + RunTarget.MAX_NODES
            + ", got " + nodes);
        return ExitCodes.INVALID_INPUT;
      }
      MuseumRun run = MuseumRun.run(story, dir, nodes);
      System.out.print(run.render());
      return run.bugShown() && run.fixShown() ? ExitCodes.OK : ExitCodes.UNEXPECTED;
    });
  }
}
