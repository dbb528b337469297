package io.smpsim.app.cli;

import io.smpsim.app.cluster.ClusterUnreachableException;
import io.smpsim.app.cluster.RunTarget;
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
      String near = nearest(unknown, cmd.getSubcommands().keySet());
      if (near != null) {
        err.println("Did you mean: " + cmd.getCommandSpec().qualifiedName() + " " + near + "?");
      }
    } else {
      err.println("smpsim: " + ex.getMessage());
      if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)
          && ex instanceof CommandLine.UnmatchedArgumentException u) {
        for (String arg : u.getUnmatched()) {
          String near = arg.startsWith("--")
              ? nearest(arg.split("=", 2)[0], cmd.getCommandSpec().optionsMap().keySet()) : null;
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

  /** The name within edit distance 2 of {@code typed}, if exactly one is nearest. */
  private static String nearest(String typed, java.util.Set<String> names) {
    String best = null;
    int bestDistance = 3;
    for (String n : names) {
      int d = distance(typed, n);
      if (d < bestDistance) {
        best = n;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Damerau-Levenshtein (optimal string alignment) distance: a swap of two letters is one. */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
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

  static void checkNodes(int nodes) {
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
