package io.smpsim.app.cli;

import io.smpsim.app.cluster.ClusterUnreachableException;
import io.smpsim.app.cluster.RunTarget;
import io.smpsim.app.scenario.ScenarioException;
import io.smpsim.sim.checkpoint.CheckpointException;
import io.smpsim.sim.engine.ClusterRefusedException;
import io.smpsim.sim.engine.RunAbortedException;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code smpsim} command line. */
@Command(name = "smpsim", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
    description = "A deterministic, distributed simulator of Linux SMP machinery.",
    subcommands = {RunCommand.class, ShellCommand.class, NodeCommand.class, ResumeCommand.class,
        io.smpsim.app.fidelity.FidelityCommand.class, io.smpsim.app.museum.MuseumCommand.class,
        CompletionCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  /** The most in-JVM nodes a run may ask for. */
  static final int MAX_NODES = RunTarget.MAX_NODES;

  public static void main(String[] args) {
    CrashReport.args = java.util.List.of(args);
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
    cl.setParameterExceptionHandler(Main::badParameter);
    // Whatever escapes a command's own handling (guard) is a bug: said so, trace in a file.
    cl.setExecutionExceptionHandler((ex, line, parsed) ->
        CrashReport.report(System.err, ex, null));
    return cl;
  }

  /**
   * A bad option or argument: one line saying which and why, picocli's suggestions for a
   * mistyped name, and where the full usage is, instead of the whole usage text.
   */
  private static int badParameter(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    java.io.PrintWriter err = cmd.getErr();
    String unknown = unknownCommand(ex);
    if (unknown != null) {
      err.println("smpsim: unknown command '" + unknown + "'");
      String near = Suggestions.nearest(unknown, cmd.getSubcommands().keySet());
      if (near != null) {
        err.println("Did you mean: " + cmd.getCommandSpec().qualifiedName() + " " + near + "?");
      }
    } else {
      err.println("smpsim: " + ex.getMessage());
      if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)
          && ex instanceof CommandLine.UnmatchedArgumentException u) {
        Set<String> options = cmd.getCommandSpec().optionsMap().keySet();
        for (String arg : u.getUnmatched()) {
          String near = arg.startsWith("--")
              ? Suggestions.nearest(arg.split("=", 2)[0], options) : null;
          if (near != null) {
            err.println("Did you mean: " + near + "?");
            break;
          }
        }
      }
    }
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more"
        + " information.");
    err.flush();
    return ExitCodes.INVALID_INPUT;
  }

  /** The mistyped subcommand of {@code ex}, or null if it is about something else. */
  private static String unknownCommand(CommandLine.ParameterException ex) {
    if (ex instanceof CommandLine.UnmatchedArgumentException u
        && !ex.getCommandLine().getSubcommands().isEmpty() && !u.getUnmatched().isEmpty()
        && !u.getUnmatched().get(0).startsWith("-")
        && ex.getCommandLine().getCommandSpec().positionalParameters().isEmpty()) {
      return u.getUnmatched().get(0);
    }
    return null;
  }

  @Override
  public Integer call() {
    // The command line as built, with the subcommands of other modules (bench).
    spec.commandLine().usage(System.err);
    return ExitCodes.INVALID_INPUT;
  }

  /** Runs a command body, mapping failures to the exit codes of DESIGN.md. */
  public static int guard(Callable<Integer> body) {
    try {
      return body.call();
    } catch (ScenarioException e) {
      System.out.flush();
      System.err.println("smpsim: " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    } catch (ClusterRefusedException e) {
      System.out.flush();
      System.err.println("smpsim: " + e.getMessage());
      return e.incompatible() ? ExitCodes.INVALID_INPUT : ExitCodes.ABORTED;
    } catch (ClusterUnreachableException e) {
      System.out.flush();
      System.err.println("smpsim: " + e.getMessage());
      return ExitCodes.ABORTED;
    } catch (CheckpointException e) {
      System.out.flush();
      System.err.println("smpsim: " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    } catch (RunAbortedException e) {
      String at = "at simulated time " + String.format("%.6f", e.simulatedNs() / 1e9) + " s";
      if (e.exitCode() == ExitCodes.INTERNAL) {
        // An entity of the simulation failed: the reason holds its stack trace.
        return CrashReport.report(System.err, e, "run stopped " + at + ": "
            + firstLine(e.getMessage()));
      }
      System.out.flush();
      System.err.println("smpsim: run aborted " + at + ": " + e.getMessage());
      return e.exitCode();
    } catch (Throwable e) {
      return CrashReport.report(System.err, e, null);
    }
  }

  private static String firstLine(String text) {
    String t = text == null ? "" : text.strip();
    int nl = t.indexOf('\n');
    return (nl < 0 ? t : t.substring(0, nl)).replaceFirst(":$", "");
  }

  /** {@code --nodes} must be a cluster size smpsim runs (1 to {@link #MAX_NODES}). */
  public static void checkNodes(int nodes) {
    if (nodes < 1 || nodes > MAX_NODES) {
      throw new ScenarioException("--nodes must be between 1 and " + MAX_NODES + ", got "
          + nodes);
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
