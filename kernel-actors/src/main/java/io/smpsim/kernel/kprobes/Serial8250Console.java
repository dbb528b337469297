package io.smpsim.kernel.kprobes;

import io.smpsim.kernel.KernelCmdline;

/**
 * How long a printk in a handler keeps its CPU: with {@code console=ttyS0},
 * serial8250_console_write() (drivers/serial/8250.c) busy-waits for the UART to take every
 * character, so the printing CPU spends the line's transmission time in the handler. The speed
 * is the console option's ({@code console=ttyS0,115200n8}), 9600 baud when none is given
 * (serial8250_console_setup()); every character is 10 bits on the wire (start, 8 data, stop),
 * and the line goes out as the console shows it: the printk time stamp, the text, CR LF.
 *
 * <p>smpsim charges this only where the time opens a window that matters (a kprobe handler
 * running inside an NMI); its other printks take no simulated time.
 */
public final class Serial8250Console {

  /** serial8250_console_setup()'s default speed. */
  public static final int DEFAULT_BAUD = 9600;

  /** "[    5.012345] ". */
  static final int TIME_STAMP_CHARS = 15;

  private Serial8250Console() {}

  /** The serial console's speed, or 0 when no console is on a serial port. */
  public static int baud(KernelCmdline cmdline) {
    int baud = 0;
    for (String c : cmdline.values("console")) {
      if (!c.startsWith("ttyS")) {
        continue;
      }
      int comma = c.indexOf(',');
      baud = DEFAULT_BAUD;
      if (comma >= 0) {
        String digits = c.substring(comma + 1).replaceAll("[^0-9].*$", "");
        if (!digits.isEmpty() && digits.length() <= 7 && Integer.parseInt(digits) > 0) {
          baud = Integer.parseInt(digits);
        }
      }
    }
    return baud;
  }

  /** The ns {@code line} takes to go out at {@code baud} (0: no serial console, no wait). */
  public static long writeNs(String line, int baud) {
    if (baud <= 0) {
      return 0;
    }
    long chars = TIME_STAMP_CHARS + line.length() + 2L;
    return chars * 10L * 1_000_000_000L / baud;
  }
}
