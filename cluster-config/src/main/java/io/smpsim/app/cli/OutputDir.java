package io.smpsim.app.cli;

import io.smpsim.app.scenario.ScenarioException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --out} directory, checked before the run starts so that no run's work is lost to
 * a path it cannot write at the end: it must be a directory this process can create files in,
 * and empty — unless {@code --force}, which replaces the files of an earlier run (and only
 * those: a mistyped {@code --out ~} must not cost anyone their files).
 */
final class OutputDir {

  private OutputDir() {}

  /**
   * Makes {@code dir} ready for a run's files.
   *
   * @throws ScenarioException (exit 2) naming the option, the path and the reason
   */
  static void prepare(Path dir, boolean force) {
    if (dir == null) {
      return;
    }
    String opt = "--out " + dir + ": ";
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new ScenarioException(opt + "exists and is not a directory");
    }
    if (!Files.exists(dir)) {
      for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
        if (Files.exists(p)) {
          if (!Files.isDirectory(p)) {
            throw new ScenarioException(opt + p + " is not a directory");
          }
          break;
        }
      }
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new ScenarioException(opt + "cannot create the directory (" + reason(e) + ")");
      }
    }
    List<String> present = new ArrayList<>();
    List<Path> earlierRun = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        String name = p.getFileName().toString();
        present.add(name);
        if (isRunFile(name)) {
          earlierRun.add(p);
        }
      }
    } catch (IOException e) {
      throw new ScenarioException(opt + "cannot list the directory (" + reason(e) + ")");
    }
    if (!present.isEmpty() && !force) {
      present.sort(null);
      String shown = String.join(", ", present.subList(0, Math.min(3, present.size())))
          + (present.size() > 3 ? ", ..." : "");
      throw new ScenarioException(opt + "not empty (" + shown + "): give a new or empty"
          + " directory, or --force to write over an earlier run's files there");
    }
    Path probe = dir.resolve(".smpsim-write-test-" + ProcessHandle.current().pid());
    try {
      Files.writeString(probe, "");
      Files.delete(probe);
    } catch (IOException e) {
      throw new ScenarioException(opt + "cannot write there (" + reason(e) + ")");
    }
    for (Path p : earlierRun) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        throw new ScenarioException(opt + "cannot replace " + p.getFileName() + " ("
            + reason(e) + ")");
      }
    }
  }

  /**
   * The files a run writes (summary.json, dmesg-M.log, commands.log, the report and its CSV
   * files) and their temporaries.
   */
  static boolean isRunFile(String name) {
    String n = name.endsWith(".tmp") ? name.substring(0, name.length() - 4) : name;
    return n.equals("summary.json") || n.equals("commands.log")
        || n.startsWith("dmesg-") && n.endsWith(".log") || n.equals("report.html")
        || n.equals("cpu-states.csv") || n.equals("cpu-interrupts.csv") || n.equals("events.csv")
        || n.equals("qdisc.csv");
  }

  /** What went wrong, as the OS said it, without an exception's class name. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    String m = e.getMessage();
    return m == null ? "input/output error" : m;
  }
}
