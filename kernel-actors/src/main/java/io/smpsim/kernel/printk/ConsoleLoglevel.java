package io.smpsim.kernel.printk;

/**
 * Which messages reach the console (kernel/printk/printk.c suppress_message_printing()): those
 * whose level is below console_loglevel, every one with {@code ignore_loglevel}. The log buffer
 * keeps them all.
 */
public final class ConsoleLoglevel {

  private ConsoleLoglevel() {}

  /** CONSOLE_LOGLEVEL_DEFAULT of the recorded kernel. */
  public static final int DEFAULT = 7;
  /** CONSOLE_LOGLEVEL_QUIET. */
  public static final int QUIET = 4;
  /** CONSOLE_LOGLEVEL_DEBUG. */
  public static final int DEBUG = 10;
  /** A console level above every message's: what ignore_loglevel amounts to. */
  public static final int ALL = Integer.MAX_VALUE;

  /**
   * The console_loglevel the command line leaves (init/main.c debug_kernel, quiet_kernel,
   * loglevel(): early parameters, taken in order).
   */
  public static int of(String cmdline) {
    int level = DEFAULT;
    for (String p : cmdline.trim().split("\\s+")) {
      if (p.equals("debug")) {
        level = DEBUG;
      } else if (p.equals("quiet")) {
        level = QUIET;
      } else if (p.startsWith("loglevel=") && p.substring(9).matches("-?\\d{1,9}")) {
        level = Integer.parseInt(p.substring(9));
      }
    }
    return level;
  }

  /** Whether the command line has ignore_loglevel: every message reaches the console. */
  public static boolean ignored(String cmdline) {
    for (String p : cmdline.trim().split("\\s+")) {
      if (p.equals("ignore_loglevel")) {
        return true;
      }
    }
    return false;
  }

  /** Whether a message of {@code level} reaches a console at {@code consoleLevel}. */
  public static boolean onConsole(LogLevel level, int consoleLevel) {
    return level.number() < consoleLevel;
  }
}
