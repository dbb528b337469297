package io.smpsim.app.museum;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.smpsim.app.cli.ExitCodes;
import io.smpsim.app.cli.Main;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code smpsim museum}: the seed museum's catalogue, one row per behaviour story of the seeds
 * (a table, or {@code --json}); {@code smpsim museum run NAME} shows one story both ways.
 */
@Command(name = "museum", mixinStandardHelpOptions = true,
    description = "The seed museum: every behaviour story of the seeds (the i386 NMI watchdog's"
        + " and sch_api.c's histories), whether smpsim shows it, and if not why not.",
    subcommands = {MuseumRunCommand.class})
public final class MuseumCommand implements Callable<Integer> {

  @Option(names = "--json", description = "Every field of every story, as JSON.")
  boolean json;

  @Override
  public Integer call() {
    return Main.guard(() -> {
      MuseumCatalogue catalogue = MuseumCatalogue.load();
      if (json) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        System.out.println(mapper.writeValueAsString(MuseumTable.json(catalogue, mapper)));
      } else {
        System.out.print(MuseumTable.text(catalogue));
      }
      return ExitCodes.OK;
    });
  }
}
