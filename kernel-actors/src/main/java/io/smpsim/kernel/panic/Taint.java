package io.smpsim.kernel.panic;

/**
 * The kernel's taint flags (kernel/panic.c {@code taint_flags}) and their one-character
 * rendering in "CPU: ... Tainted: G             L    " lines.
 */
public final class Taint {

  /** TAINT_SOFTLOCKUP: a soft lockup was reported ('L'). */
  public static final int SOFTLOCKUP = 14;

  /** The characters of each flag when set, in bit order (19 flags in 6.6). */
  private static final String SET = "PFSRMBUDAWCIOELKXTN";
  /** The character of an unset flag ('G' for the first, proprietary-module flag). */
  private static final String UNSET = "G                  ";

  private Taint() {}

  /** print_tainted(): "Not tainted" or "Tainted: " and one column per flag. */
  public static String print(int mask) {
    if (mask == 0) {
      return "Not tainted";
    }
    StringBuilder b = new StringBuilder("Tainted: ");
    for (int i = 0; i < SET.length(); i++) {
      b.append((mask & (1 << i)) != 0 ? SET.charAt(i) : UNSET.charAt(i));
    }
    return b.toString();
  }
}
