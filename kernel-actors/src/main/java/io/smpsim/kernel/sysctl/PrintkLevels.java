package io.smpsim.kernel.sysctl;

import io.smpsim.kernel.core.Errno;
import io.smpsim.kernel.printk.ConsoleLoglevel;

/**
 * kernel.printk (kernel/printk/printk.c console_printk[]): console_loglevel,
 * default_message_loglevel, minimum_console_loglevel and default_console_loglevel, 7 4 1 7 as
 * the recorded Debian kernel is built (CONFIG_CONSOLE_LOGLEVEL_DEFAULT=7,
 * CONFIG_MESSAGE_LOGLEVEL_DEFAULT=4), console_loglevel as the command line set it
 * ({@link ConsoleLoglevel}). Writes and {@code dmesg -n} change it; the log buffer (Klog) is told,
 * as it decides which messages reach the console.
 */
final class PrintkLevels {

  private final int[] values;

  PrintkLevels(String cmdline) {
    this.values = new int[] {ConsoleLoglevel.of(cmdline), 4, 1, ConsoleLoglevel.DEFAULT};
  }

  int consoleLevel() {
    return values[0];
  }

  /** The file's text: the four values, tab-separated (proc_dointvec). */
  String read() {
    return values[0] + "\t" + values[1] + "\t" + values[2] + "\t" + values[3] + "\n";
  }

  /**
   * __do_proc_dointvec() over the four: the values in order, each stored as it is read; a word
   * that is no int stops the write with EINVAL (those before it stay), words after the fourth
   * are ignored, and a write with no value at all is EINVAL.
   */
  Errno write(String text) {
    String[] words = text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+");
    if (words.length == 0) {
      return Errno.EINVAL;
    }
    for (int i = 0; i < Math.min(words.length, values.length); i++) {
      String w = words[i];
      if (!w.matches("[+-]?\\d{1,10}") || Long.parseLong(w) != (int) Long.parseLong(w)) {
        return Errno.EINVAL;
      }
      values[i] = Integer.parseInt(w);
    }
    return null;
  }

  /** sysrq_handle_loglevel(): console_loglevel = {@code level}, as it is. */
  void sysrqLevel(int level) {
    values[0] = level;
  }

  /**
   * syslog(SYSLOG_ACTION_CONSOLE_LEVEL) ({@code dmesg -n}): 1 to 8, raised to
   * minimum_console_loglevel; else EINVAL.
   */
  Errno syslogConsoleLevel(int level) {
    if (level < 1 || level > 8) {
      return Errno.EINVAL;
    }
    values[0] = Math.max(level, values[2]);
    return null;
  }
}
