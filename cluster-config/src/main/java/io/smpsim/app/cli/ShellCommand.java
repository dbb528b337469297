package io.smpsim.app.cli;

import io.smpsim.app.run.InteractiveShell;
import io.smpsim.app.run.ShellSession;
import io.smpsim.app.run.Simulation;
import io.smpsim.app.scenario.Durations;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioException;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.sim.engine.RunAbortedException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code smpsim shell SCENARIO --batch [--json]}: the scripted face of a simulated machine. */
@Command(name = "shell", mixinStandardHelpOptions = true,
    description = {"Boot a scenario's machines and run commands: at a prompt (time flows at"
        + " --speed), or read from stdin one per line with --batch.",
        "With --batch the exit status is that of the last command that failed (0 if none did):"
            + " 124 when a machine could not answer (panicked, suspended, or no answer within"
            + " --command-timeout)."})
public final class ShellCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario file (HOCON).")
  Path scenario;

  @Option(names = "--batch", description = "Read commands from stdin without prompting"
      + " (the default when stdin is not a terminal).")
  boolean batch;

  @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
      description = "Interactive: simulated seconds per wall-clock second; 0 stops time between"
          + " commands (default: ${DEFAULT-VALUE}).")
  double speed;

  @Option(names = "--json", description = "Print one JSON object per command.")
  boolean json;

  @Option(names = "--seed", paramLabel = "N", description = "Override the scenario's seed.")
  Long seed;

  @Option(names = "--nodes", paramLabel = "N", defaultValue = "1",
      description = "In-JVM cluster nodes (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--command-timeout", paramLabel = "D", defaultValue = "1h",
      converter = DurationConverter.class,
      description = "Simulated time to wait for a command's answer (default: ${DEFAULT-VALUE}).")
  long commandTimeout;

  @Override
  public Integer call() {
    return Main.guard(() -> {
      Main.checkNodes(nodes);
      if (!(speed >= 0) || Double.isInfinite(speed)) {
        throw new ScenarioException("--speed must be a number of at least 0, got " + speed);
      }
      if (commandTimeout <= 0) {
        throw new ScenarioException("--command-timeout must be positive");
      }
      boolean interactive = !batch && System.console() != null;
      long timeout = commandTimeout;
      ScenarioLoader loader = new ScenarioLoader();
      Scenario sc = loader.load(scenario, seed, null);
      if (sc.machines().isEmpty()) {
        throw new ScenarioException(scenario + ": the shell needs a scenario with machines");
      }
      try (Simulation sim = Simulation.start(sc, loader, nodes)) {
        ShellSession session = new ShellSession(sim, json, timeout, System.out, System.err);
        if (interactive) {
          Terminal terminal = TerminalBuilder.builder().system(true).build();
          InteractiveShell shell = new InteractiveShell(session, terminal, speed,
              Path.of(System.getProperty("user.home"), ".smpsim_history"));
          boot(session, sim);
          shell.run();
          shell.close();
        } else {
          boot(session, sim);
          int status = session.run(new BufferedReader(new InputStreamReader(System.in,
              StandardCharsets.UTF_8)));
          System.out.flush();
          return status;
        }
        System.out.flush();
      }
      return ExitCodes.OK;
    });
  }

  /**
   * Boots the machines; one that is not up within the command timeout ends the session (exit
   * 3) with that reason, as a run that cannot go on, rather than as a failure of smpsim.
   */
  private void boot(ShellSession session, Simulation sim) {
    try {
      session.boot();
    } catch (IllegalStateException e) {
      throw new RunAbortedException(e.getMessage() + " (--command-timeout "
          + Durations.format(commandTimeout) + ")", ExitCodes.ABORTED, sim.client().now());
    }
  }
}
