package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.BusyboxUsage;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.Listing;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.Vfs;
import io.smpsim.kernel.core.VfsFile;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * busybox ls (coreutils/ls.c, the shell of the real-kernel recordings) on procfs and sysfs:
 * a directory's entries in columns on a terminal (one per line into a pipe), {@code -l}'s long
 * format ({@code "%s %4u %-8.8s %-8.8s %9u %.6s %.5s %s"}, numeric owners as the recordings'
 * initramfs has no /etc/passwd), a file by the name given, and
 * {@code ls: PATH: No such file or directory} (exit 1) for a path that does not exist.
 *
 * @param paths the operands, "." when none
 * @param longFormat -l
 * @param tty whether stdout is the console (columns) rather than a pipe (one per line)
 */
record LsJob(List<String> paths, boolean longFormat, boolean tty) implements ShellJob {

  /** busybox's terminal width when the console reports none. */
  static final int TERMINAL_WIDTH = 80;

  /** The gap between columns (ls.c COLUMN_GAP). */
  static final int COLUMN_GAP = 2;

  /** Parses ls's options: -l (long), -1 (one per line); others are refused as busybox does. */
  static ShellJob parse(List<String> args, boolean tty) {
    boolean l = false;
    boolean one = false;
    List<String> paths = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("-") && a.length() > 1) {
        for (char c : a.substring(1).toCharArray()) {
          if (c == 'l') {
            l = true;
          } else if (c == '1') {
            one = true;
          } else {
            return "AaCxdLHRFpinshrSXvctuw".indexOf(c) >= 0
                ? new Failure(1, "ls: -" + c + " is not supported by smpsim's ls (it runs -l"
                    + " and -1)")
                : BusyboxUsage.invalidOption("ls", c);
          }
        }
      } else {
        paths.add(a);
      }
    }
    return new LsJob(paths.isEmpty() ? List.of(".") : List.copyOf(paths), l, tty && !one);
  }

  @Override
  public void start(JobContext jc) {
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    String date = date(jc.config().wallNs(jc.now()));
    for (String path : paths) {
      SortedMap<String, Listing.Entry> dir = Vfs.listing(path, jc.tables(), jc.config());
      if (dir != null) {
        if (longFormat) {
          // ls.c (ENABLE_DESKTOP): "total" of the 1K blocks; procfs and sysfs allocate none.
          out.append("total 0\n");
          for (Listing.Entry e : dir.values()) {
            out.append(longLine(e, path, e.name(), date));
          }
        } else {
          out.append(columns(new ArrayList<>(dir.keySet()), tty));
        }
        continue;
      }
      VfsFile f = Vfs.lookup(path, jc.tables(), jc.config());
      if (f == null) {
        err.append("ls: ").append(path).append(": No such file or directory\n");
        continue;
      }
      Listing.Entry e = new Listing.Entry(path, '-', f.mode());
      out.append(longFormat ? longLine(e, path, path, date) : path + "\n");
    }
    jc.finish(err.isEmpty() ? 0 : 1, out.toString(), err.toString());
  }

  /** One -l line: mode, links, owner and group (root, numeric), size, mtime, name. */
  static String longLine(Listing.Entry e, String path, String name, String date) {
    // sysfs attributes report a page as their size (fs/sysfs/file.c: PAGE_SIZE); procfs 0.
    long size = e.type() == '-' && path.startsWith("/sys") ? 4096 : 0;
    int links = e.type() == 'd' ? 2 : 1;
    return String.format("%s %4d %-8.8s %-8.8s %9d %s %s%n", mode(e), links, "0", "0", size, date,
        name);
  }

  /** ls.c bb_mode_string(): the type character and rwx per owner, group and others. */
  static String mode(Listing.Entry e) {
    StringBuilder b = new StringBuilder().append(e.type());
    String rwx = "rwx";
    for (int shift = 6; shift >= 0; shift -= 3) {
      for (int bit = 0; bit < 3; bit++) {
        b.append((e.mode() >> (shift + 2 - bit) & 1) != 0 ? rwx.charAt(bit) : '-');
      }
    }
    return b.toString();
  }

  /**
   * The mtime as ls prints a recent one ({@code "%.6s %.5s"} of ctime(): "Jan  1 00:01"):
   * procfs and sysfs inodes take the time of their creation, on the wall clock the kernel took
   * from the RTC ({@link io.smpsim.kernel.MachineConfig#wallNs}).
   */
  static String date(long nowNs) {
    java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(
        nowNs / 1_000_000_000L, 0, java.time.ZoneOffset.UTC);
    String month = t.getMonth().getDisplayName(java.time.format.TextStyle.SHORT,
        java.util.Locale.ROOT);
    return String.format("%s %2d %02d:%02d", month, t.getDayOfMonth(), t.getHour(),
        t.getMinute());
  }

  /**
   * ls.c display_files(): names in columns as wide as the longest plus COLUMN_GAP, as many as
   * fit the terminal, filled top to bottom; one per line when stdout is no terminal.
   */
  static String columns(List<String> names, boolean tty) {
    StringBuilder b = new StringBuilder();
    if (names.isEmpty()) {
      return "";
    }
    int width = 0;
    for (String n : names) {
      width = Math.max(width, n.length());
    }
    width += COLUMN_GAP;
    int ncols = tty ? Math.max(1, TERMINAL_WIDTH / width) : 1;
    int nrows = (names.size() + ncols - 1) / ncols;
    for (int row = 0; row < nrows; row++) {
      StringBuilder line = new StringBuilder();
      for (int col = 0; col < ncols; col++) {
        int i = col * nrows + row;
        if (i < names.size()) {
          while (line.length() < col * width) {
            line.append(' ');
          }
          line.append(names.get(i));
        }
      }
      b.append(line).append('\n');
    }
    return b.toString();
  }
}
