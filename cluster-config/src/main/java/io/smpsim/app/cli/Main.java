package io.smpsim.app.cli;

import io.smpsim.app.cluster.RunTarget;
import io.smpsim.app.scenario.ConfigReader;
import io.smpsim.app.scenario.ScenarioException;
import io.smpsim.sim.checkpoint.CheckpointException;
import io.smpsim.sim.engine.ClusterRefusedException;
import io.smpsim.sim.engine.RunAbortedException;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code smpsim} command line. */
@Command(name = "smpsim", mixinStandardHelpOptions = true, version = "smpsim 0.1.0",
    description = "A deterministic, distributed simulator of Linux SMP machinery.",
    subcommands = {RunCommand.class, ShellCommand.class, NodeCommand.class, ResumeCommand.class})
public final class Main implements Callable<Integer> {

  /** The most in-JVM nodes a run may ask for. */
  static final int MAX_NODES = RunTarget.MAX_NODES;

  public static void main(String[] args) {
    // Logging is set up before any thread can log: otherwise SLF4J warns on stderr that it
    // replayed calls made while it was initializing.
    LoggerFactory.getILoggerFactory();
    int code = commandLine().execute(args);
    System.out.flush();
    System.exit(code);
  }

  /** The command line with every subcommand, including those of other modules. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    for (CliExtension ext : ServiceLoader.load(CliExtension.class)) {
      cl.addSubcommand(ext.name(), ext.command());
    }
    cl.setParameterExceptionHandler((ex, args) -> {
      ex.getCommandLine().getErr().println("smpsim: " + ex.getMessage());
      ex.getCommandLine().usage(ex.getCommandLine().getErr());
      return ExitCodes.INVALID_INPUT;
    });
    return cl;
  }

  @Override
  public Integer call() {
    CommandLine.usage(this, System.err);
    return ExitCodes.INVALID_INPUT;
  }

  /** Runs a command body, mapping failures to the exit codes of DESIGN.md. */
  public static int guard(Callable<Integer> body) {
    try {
      return body.call();
    } catch (ScenarioException e) {
      System.err.println("smpsim: " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    } catch (ClusterRefusedException e) {
      System.err.println("smpsim: " + e.getMessage());
      return e.incompatible() ? ExitCodes.INVALID_INPUT : ExitCodes.ABORTED;
    } catch (CheckpointException e) {
      System.err.println("smpsim: " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    } catch (RunAbortedException e) {
      System.out.flush();
      System.err.println("smpsim: run aborted at simulated time "
          + String.format("%.6f", e.simulatedNs() / 1e9) + " s: " + e.getMessage());
      return e.exitCode();
    } catch (Exception e) {
      System.out.flush();
      System.err.println("smpsim: internal error: " + e);
      e.printStackTrace(System.err);
      return ExitCodes.INTERNAL;
    }
  }

  static void checkNodes(int nodes) {
    if (nodes < 1 || nodes > MAX_NODES) {
      throw new ScenarioException("--nodes must be between 1 and " + MAX_NODES + ", got "
          + nodes);
    }
  }

  /** Parses a --duration option, or null. */
  static Long duration(String text) {
    return text == null ? null : durationOption(text, "--duration");
  }

  /** Parses a duration option ({@code 10s}, {@code 500ms}); a bad one is invalid input. */
  static long durationOption(String text, String option) {
    try {
      return ConfigReader.parseDuration(text);
    } catch (IllegalArgumentException e) {
      throw new ScenarioException(option + ": " + e.getMessage());
    }
  }

  /** Checks a TCP port option. */
  static int port(int port, String option) {
    if (port < 1 || port > 65535) {
      throw new ScenarioException(option + " must be between 1 and 65535, got " + port);
    }
    return port;
  }
}
