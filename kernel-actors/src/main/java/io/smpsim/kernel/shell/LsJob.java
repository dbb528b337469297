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
 * a directory's entries in columns on a terminal (one per line into a pipe; {@code -C} down
 * and {@code -x} across the columns anyway, {@code -1} one per line), {@code -l}'s long
 * format ({@code "%s %4u %-8.8s %-8.8s %9u %.6s %.5s %s"}, numeric owners as the recordings'
 * initramfs has no /etc/passwd), {@code -a} with {@code .} and {@code ..}, {@code -d} a
 * directory itself, {@code -r} in reverse, {@code -p}/{@code -F} with a {@code /} after
 * directories. Several operands: the files first, then each directory under its
 * {@code NAME:} line, sorted; {@code ls: PATH: No such file or directory} (exit 1) for a path
 * that does not exist.
 *
 * @param paths the operands, "." when none
 * @param style how entries are laid out: {@code l} long, {@code 1} one a line, {@code C} in
 *     columns down, {@code x} in columns across
 * @param all -a
 * @param dirsAsFiles -d
 * @param reverse -r
 * @param classify 0, {@code p} or {@code F}
 */
record LsJob(List<String> paths, char style, boolean all, boolean dirsAsFiles, boolean reverse,
    char classify) implements ShellJob {

  /** busybox's terminal width when the console reports none. */
  static final int TERMINAL_WIDTH = 80;

  /** The gap between columns (ls.c COLUMN_GAP). */
  static final int COLUMN_GAP = 2;

  /**
   * Parses ls's options (the last of -1 -C -x -l wins, as their exclusions in ls.c make it);
   * busybox's others that smpsim does not run are refused by name.
   */
  static ShellJob parse(List<String> args, boolean tty) {
    char style = tty ? 'C' : '1';
    boolean a = false;
    boolean d = false;
    boolean r = false;
    char classify = 0;
    List<String> paths = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("-") && arg.length() > 1) {
        for (char c : arg.substring(1).toCharArray()) {
          switch (c) {
            case 'l', '1', 'C', 'x' -> style = c;
            case 'a' -> a = true;
            case 'A' -> { }
            case 'd' -> d = true;
            case 'r' -> r = true;
            case 'p', 'F' -> classify = c;
            default -> {
              return "LHRinshSXvctuw".indexOf(c) >= 0
                  ? new Failure(1, "ls: -" + c + " is not supported by smpsim's ls (it runs"
                      + " -1ACFadlprx)")
                  : BusyboxUsage.invalidOption("ls", c);
            }
          }
        }
      } else {
        paths.add(arg);
      }
    }
    return new LsJob(paths.isEmpty() ? List.of(".") : List.copyOf(paths), style, a, d, r,
        classify);
  }

  @Override
  public void start(JobContext jc) {
    StringBuilder err = new StringBuilder();
    String date = date(jc.config().wallNs(jc.now()));
    List<Listing.Entry> files = new ArrayList<>();
    java.util.TreeMap<String, SortedMap<String, Listing.Entry>> dirs = new java.util.TreeMap<>(
        reverse ? java.util.Comparator.<String>reverseOrder() : java.util.Comparator.naturalOrder());
    for (String path : paths) {
      String full = Vfs.resolve(jc.cwd(), path);
      SortedMap<String, Listing.Entry> dir = Vfs.listing(full, jc.tables(), jc.config());
      if (dir != null && !dirsAsFiles) {
        dirs.put(path, dir);
        continue;
      }
      if (dir != null) {
        files.add(new Listing.Entry(path, 'd', dirMode(full)));
        continue;
      }
      VfsFile f = Vfs.lookup(full, jc.tables(), jc.config());
      if (f == null) {
        err.append("ls: ").append(path).append(": No such file or directory\n");
        continue;
      }
      files.add(new Listing.Entry(path, '-', f.mode()));
    }
    files.sort(java.util.Comparator.comparing(Listing.Entry::name));
    if (reverse) {
      java.util.Collections.reverse(files);
    }
    StringBuilder out = new StringBuilder();
    if (!files.isEmpty()) {
      out.append(entries(files, "", jc.cwd(), date, false));
    }
    boolean headers = paths.size() > 1;
    for (var d : dirs.entrySet()) {
      if (headers) {
        out.append(out.isEmpty() ? "" : "\n").append(d.getKey()).append(":\n");
      }
      List<Listing.Entry> entries = new ArrayList<>();
      if (all) {
        String full = Vfs.resolve(jc.cwd(), d.getKey());
        entries.add(new Listing.Entry(".", 'd', dirMode(full)));
        entries.add(new Listing.Entry("..", 'd', dirMode(Vfs.resolve(full, ".."))));
      }
      entries.addAll(d.getValue().values());
      if (reverse) {
        java.util.Collections.reverse(entries);
      }
      out.append(entries(entries, d.getKey(), jc.cwd(), date, true));
    }
    jc.finish(err.isEmpty() ? 0 : 1, out.toString(), err.toString());
  }

  /** A directory's mode: procfs 0555, sysfs (and the root's other trees) 0755. */
  private static int dirMode(String path) {
    return path.startsWith("/proc") ? 0555 : 0755;
  }

  /** The entries in the chosen layout; {@code dir}: the directory they are in ("" for files). */
  private String entries(List<Listing.Entry> entries, String dir, String cwd, String date,
      boolean total) {
    StringBuilder b = new StringBuilder();
    if (style == 'l') {
      if (total) {
        // ls.c (ENABLE_DESKTOP): "total" of the 1K blocks; procfs and sysfs allocate none.
        b.append("total 0\n");
      }
      for (Listing.Entry e : entries) {
        // The size depends on the filesystem: the entry's place seen from the working directory.
        b.append(longLine(e, Vfs.resolve(cwd, dir.isEmpty() ? e.name() : dir),
            e.name() + suffix(e), date));
      }
      return b.toString();
    }
    List<String> names = new ArrayList<>();
    for (Listing.Entry e : entries) {
      names.add(e.name() + suffix(e));
    }
    return style == '1' ? columns(names, false) : columns(names, true, style == 'x');
  }

  /** -p and -F's indicator after a name. */
  private String suffix(Listing.Entry e) {
    if (classify == 0) {
      return "";
    }
    if (e.type() == 'd') {
      return "/";
    }
    if (classify == 'F' && e.type() == 'l') {
      return "@";
    }
    return classify == 'F' && e.type() == '-' && (e.mode() & 0111) != 0 ? "*" : "";
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
    return columns(names, tty, false);
  }

  /** {@link #columns(List, boolean)}; {@code across}: filled left to right (-x). */
  static String columns(List<String> names, boolean tty, boolean across) {
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
        int i = across ? row * ncols + col : col * nrows + row;
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
