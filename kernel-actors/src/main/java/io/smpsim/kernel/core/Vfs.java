package io.smpsim.kernel.core;

import io.smpsim.kernel.MachineConfig;

/**
 * The procfs and sysfs files of a machine, looked up by path in what the subsystems registered
 * ({@link Registry#file}, {@link Registry#files}).
 */
public final class Vfs {

  private Vfs() {}

  /** The file at {@code path}, or null if there is none. */
  public static VfsFile lookup(String path, KernelTables tables, MachineConfig config) {
    return tables.file(normalize(path), config);
  }

  /**
   * The entries of the directory at {@code path} by name, or null if there is no such
   * directory smpsim can show. A directory no subsystem lists (/proc, /sys/power) shows what
   * smpsim has there: its files at fixed paths and the directories that lead to more, not every
   * entry a real kernel's would (/proc's pid directories, for one); one where smpsim has nothing
   * at a fixed path is not shown as empty.
   */
  public static java.util.SortedMap<String, Listing.Entry> listing(String path,
      KernelTables tables, MachineConfig config) {
    String dir = normalize(path);
    java.util.SortedMap<String, Listing.Entry> listed = tables.listing(dir, config);
    if (listed != null) {
      return listed;
    }
    java.util.SortedMap<String, Boolean> named = tables.namedChildren(dir);
    if (named.isEmpty()) {
      return null;
    }
    java.util.TreeMap<String, Listing.Entry> out = new java.util.TreeMap<>();
    // procfs directories are 0555 (fs/proc/generic.c proc_mkdir), sysfs ones 0755.
    int dirMode = dir.startsWith("/proc") ? 0555 : 0755;
    named.forEach((name, isDir) -> {
      String child = (dir.equals("/") ? "" : dir) + "/" + name;
      VfsFile f = isDir ? null : tables.file(child, config);
      out.put(name, isDir ? new Listing.Entry(name, 'd', dirMode)
          : new Listing.Entry(name, '-', f == null ? 0444 : f.mode()));
    });
    return out;
  }

  /**
   * {@code path} from the directory {@code cwd}: as given when absolute, else below cwd, with
   * its {@code .}, {@code ..} and repeated slashes worked out (ash keeps the logical path).
   */
  public static String resolve(String cwd, String path) {
    String full = path.startsWith("/") ? path : cwd + "/" + path;
    java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
    for (String p : full.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(p);
      }
    }
    return "/" + String.join("/", parts);
  }

  /** Whether {@code path} lies in /proc/sys, where creating a file is ENOENT. */
  public static boolean isProcSys(String path) {
    return normalize(path).startsWith("/proc/sys/");
  }

  /**
   * Whether {@code path} is a directory: the root, one a subsystem declares, or one smpsim
   * lists (what cd, test -d and a read of a directory as a file go by).
   */
  public static boolean isDirectory(String path, KernelTables tables, MachineConfig config) {
    String p = normalize(path);
    return p.equals("/") || tables.directoryExists(p, config) || listing(p, tables, config) != null;
  }

  /** Whether the directory holding {@code path} exists (for the shell's create errors). */
  public static boolean directoryExists(String path, KernelTables tables, MachineConfig config) {
    String p = normalize(path);
    int slash = p.lastIndexOf('/');
    return isDirectory(slash <= 0 ? "/" : p.substring(0, slash), tables, config);
  }

  /**
   * The number in a {@code cpuN} directory name, or {@link Integer#MAX_VALUE} when no CPU
   * directory can have that name (too many digits for an int, or a leading zero: sysfs names
   * are "cpu%u"), so such a path is ENOENT like any other missing file, never a parse error.
   */
  public static int cpuNumber(String digits) {
    if (digits.length() > 9 || (digits.length() > 1 && digits.charAt(0) == '0')) {
      return Integer.MAX_VALUE;
    }
    return Integer.parseInt(digits);
  }

  private static String normalize(String path) {
    String p = path.replaceAll("/+", "/");
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}
