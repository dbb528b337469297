package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.TextFilter;
import io.smpsim.kernel.core.Vfs;
import io.smpsim.kernel.core.VfsFile;
import io.smpsim.sim.SimMessage;
import java.util.List;

/**
 * {@code cat FILE...} (and {@code head}, {@code tail}, {@code wc FILE...}): reads the files one after the other; a missing
 * one is reported on stderr and makes the exit status 1, as busybox does, and the others are
 * still printed.
 */
final class CatJob implements ShellJob {

  private final String applet;
  private final List<String> paths;
  private final TextFilter filter;
  private final boolean headers;
  private final StringBuilder out = new StringBuilder();
  private final StringBuilder err = new StringBuilder();
  private int exit;
  private int next;
  /** Whether a file's header was printed already. */
  private boolean headerShown;
  private ShellJob current;
  private transient Part part;

  CatJob(List<String> paths) {
    this("cat", paths, TextFilter.IDENTITY, false);
  }

  /**
   * @param applet "cat", "head", "tail", "wc", "cut", "sort" or "uniq" (their messages for a
   *     missing file differ, and sort and uniq stop at it)
   * @param filter what of each file is printed
   * @param headers whether each file's text starts with head's {@code ==> FILE <==}
   */
  CatJob(String applet, List<String> paths, TextFilter filter, boolean headers) {
    this.applet = applet;
    this.paths = List.copyOf(paths);
    this.filter = filter;
    this.headers = headers;
  }

  @Override
  public void start(JobContext jc) {
    advance(jc);
  }

  private void advance(JobContext jc) {
    while (next < paths.size()) {
      String p = paths.get(next++);
      String path = Vfs.resolve(jc.cwd(), p);
      VfsFile f = Vfs.lookup(path, jc.tables(), jc.config());
      if (f == null && Vfs.isDirectory(path, jc.tables(), jc.config())) {
        directory(p);
        continue;
      }
      if (f == null) {
        // cat, tail, uniq: open_or_warn()'s or xfopen()'s "can't open"; head, wc, cut, sort:
        // fopen_or_warn()'s perror of the name.
        boolean perror = !applet.equals("cat") && !applet.equals("tail")
            && !applet.equals("uniq");
        err.append(perror ? applet + ": " + p : applet + ": can't open '" + p + "'")
            .append(": No such file or directory\n");
        exit = 1;
        int fatal = fatalExit(applet);
        if (fatal != 0) {
          // sort and uniq stop at the first file they cannot open, printing nothing.
          jc.finish(fatal, "", err.toString());
          return;
        }
        continue;
      }
      if (headers) {
        // A blank line before each header but the first one printed.
        out.append(Head.header(p, !headerShown));
        headerShown = true;
      }
      current = f.read(filter instanceof TextFilter.PerFile pf ? pf.forFile(p) : filter);
      // The file's job finishes through Part.finish, which moves on to the next file.
      current.start(part(jc));
      return;
    }
    jc.finish(exit, out.toString(), err.toString());
  }

  /**
   * A directory read as a file (read(2) is EISDIR), as each applet reports it: cat and tail a
   * read error, head and uniq their name with the error stdio was left with, wc its name and
   * zero counts; cut and sort read nothing and say nothing.
   */
  private void directory(String p) {
    String message = switch (applet) {
      case "cat", "tail" -> applet + ": read error: Is a directory";
      case "head" -> "head: " + p + ": Input/output error";
      case "uniq" -> "uniq: " + p + ": I/O error";
      case "wc" -> "wc: " + p + ": Is a directory";
      default -> null;
    };
    if (applet.equals("wc")) {
      out.append((filter instanceof TextFilter.PerFile pf ? pf.forFile(p) : filter).apply(""));
    }
    if (message != null) {
      err.append(message).append('\n');
      exit = 1;
    }
  }

  /** The status of an applet that dies on a file it cannot open (0: it goes on). */
  private static int fatalExit(String applet) {
    return switch (applet) {
      case "sort" -> 2;
      case "uniq" -> 1;
      default -> 0;
    };
  }

  @Override
  public void onReply(JobContext jc, SimMessage body) {
    if (current != null) {
      current.onReply(part(jc), body);
    }
  }

  private Part part(JobContext jc) {
    if (part == null || part.outer != jc) {
      part = new Part(jc);
    }
    return part;
  }

  /** The context of the file being read: its end moves on to the next file. */
  private final class Part extends ForwardingJobContext {

    Part(JobContext outer) {
      super(outer);
    }

    @Override
    public void finish(int code, String stdout, String stderr) {
      out.append(stdout);
      err.append(stderr);
      if (code != 0) {
        exit = code;
      }
      current = null;
      advance(outer);
    }
  }
}
