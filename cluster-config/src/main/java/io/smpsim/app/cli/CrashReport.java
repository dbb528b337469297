package io.smpsim.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What a user sees when smpsim itself fails (exit 1): one line saying it is a bug and where its
 * details are, never a stack trace. The trace, the command line and the version go to a log
 * file to attach to a report.
 */
final class CrashReport {

  /** The directory crash logs go to (the system's temporary directory unless set, for tests). */
  static final String DIR_PROPERTY = "smpsim.crash.dir";

  /** The command line of this process, for the log (set by {@link Main#main}). */
  static volatile List<String> args = List.of();

  private CrashReport() {}

  /**
   * Reports {@code failure} on {@code err} and returns exit code 1.
   *
   * @param what a user-facing description of what failed, or null for none
   */
  static int report(PrintStream err, Throwable failure, String what) {
    System.out.flush();
    if (failure instanceof OutOfMemoryError) {
      err.println("smpsim: out of memory: the run needs a larger heap than this JVM has;"
          + " give it one with SMPSIM_JAVA_OPTS=-Xmx8g (or more), or simulate fewer CPUs");
      return ExitCodes.INTERNAL;
    }
    StringWriter trace = new StringWriter();
    try (PrintWriter w = new PrintWriter(trace)) {
      w.println("smpsim internal error, " + LocalDateTime.now());
      w.println("version: " + Main.class.getPackage().getImplementationVersion());
      w.println("java: " + System.getProperty("java.version") + " " + System.getProperty(
          "os.name") + " " + System.getProperty("os.arch"));
      w.println("command: smpsim " + String.join(" ", args));
      if (what != null) {
        w.println("what: " + what);
      }
      failure.printStackTrace(w);
    }
    String where;
    try {
      Path dir = Path.of(System.getProperty(DIR_PROPERTY, System.getProperty("java.io.tmpdir")));
      Files.createDirectories(dir);
      Path log = dir.resolve("smpsim-internal-error-"
          + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
          + ProcessHandle.current().pid() + ".log");
      Files.writeString(log, trace.toString(), StandardCharsets.UTF_8);
      where = "; please report it with the details in " + log.toAbsolutePath();
    } catch (IOException | RuntimeException e) {
      where = "; please report it (its details could not be written to a log file)";
    }
    err.println("smpsim: internal error" + (what == null ? "" : " (" + what + ")")
        + ": this is a bug in smpsim, not a problem with your input" + where);
    err.flush();
    return ExitCodes.INTERNAL;
  }
}
