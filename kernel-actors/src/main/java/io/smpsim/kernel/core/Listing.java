package io.smpsim.kernel.core;

import io.smpsim.kernel.MachineConfig;
import java.util.List;
import java.util.regex.Matcher;

/**
 * How a subsystem lists the entries of its procfs/sysfs directories (what readdir() returns
 * there, for {@code ls}): from the match of the directory's pattern, or null when the matched
 * path is no directory of this machine.
 */
@FunctionalInterface
public interface Listing {

  List<Entry> list(Matcher m, MachineConfig config);

  /**
   * One directory entry.
   *
   * @param name its name
   * @param type ls's type character: '-' a file, 'd' a directory, 'l' a symbolic link
   * @param mode its permission bits (0644, 0444, 0755, 0777 for a link)
   */
  record Entry(String name, char type, int mode) {

    /** A regular file, 0644 when writable by root, else 0444 (sysfs, proc_sys). */
    public static Entry file(String name, boolean writable) {
      return new Entry(name, '-', writable ? 0644 : 0444);
    }

    /** A directory (sysfs: 0755). */
    public static Entry dir(String name) {
      return new Entry(name, 'd', 0755);
    }

    /** A symbolic link (sysfs: 0777). */
    public static Entry link(String name) {
      return new Entry(name, 'l', 0777);
    }
  }
}
