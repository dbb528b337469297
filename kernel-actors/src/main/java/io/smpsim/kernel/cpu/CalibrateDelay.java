package io.smpsim.kernel.cpu;

import io.smpsim.kernel.MachineConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * calibrate_delay_direct() of init/calibrate.c: loops_per_jiffy from
 * {@link #RETRIES} timed delay loops. While the largest and smallest of the good measurements
 * differ by an eighth of their mean or more, the one farther from the mean is dropped (and said
 * so); when one or none is left the calibration fails and the AP keeps no estimate.
 */
public final class CalibrateDelay {

  /** MAX_DIRECT_CALIBRATION_RETRIES. */
  public static final int RETRIES = 5;

  /**
   * The outcome.
   *
   * @param lpj the estimate, 0 when the calibration failed
   * @param lines what it printed (KERN_NOTICE), one entry per console line
   */
  public record Result(long lpj, List<String> lines) {}

  private CalibrateDelay() {}

  /**
   * preset_lpj: the {@code lpj=} boot parameter (init/calibrate.c lpj_setup(), the last one
   * given), read as simple_strtoul(str, NULL, 0) reads it: decimal, octal after a leading 0,
   * hex after 0x, up to the first character that is not a digit; 0 when absent or no number.
   * With it every CPU skips calibration: calibrate_delay() takes the preset before any
   * measurement, the boot CPU saying so once.
   */
  public static long presetLpj(MachineConfig c) {
    String v = c.kernelCmdline().value("lpj");
    if (v == null || v.isEmpty()) {
      return 0;
    }
    int i = 0;
    int base = 10;
    if (v.charAt(0) == '0') {
      base = 8;
      if (v.length() > 2 && (v.charAt(1) == 'x' || v.charAt(1) == 'X')
          && Character.digit(v.charAt(2), 16) >= 0) {
        base = 16;
        i = 2;
      }
    }
    long lpj = 0;
    for (; i < v.length() && Character.digit(v.charAt(i), base) >= 0; i++) {
      // An unsigned long: what does not fit wraps, as the kernel's multiply does.
      lpj = lpj * base + Character.digit(v.charAt(i), base);
    }
    return lpj;
  }

  /** Runs the estimate on {@code measured} (timer ticks per jiffy; 0 = not a good sample). */
  public static Result direct(long[] measured) {
    long[] m = measured.clone();
    List<String> lines = new ArrayList<>();
    int max = -1;
    int min = -1;
    long sum = 0;
    int count = 0;
    for (int i = 0; i < m.length; i++) {
      if (m[i] == 0) {
        continue;
      }
      count++;
      sum += m[i];
      if (max < 0 || m[i] > m[max]) {
        max = i;
      }
      if (min < 0 || m[i] < m[min]) {
        min = i;
      }
    }
    while (count > 1) {
      long estimate = sum / count;
      long maxdiff = estimate >> 3;
      if (m[max] - m[min] < maxdiff) {
        return new Result(estimate, lines);
      }
      sum = 0;
      count = 0;
      if (m[max] - estimate < estimate - m[min]) {
        lines.add("calibrate_delay_direct() dropping min bogoMips estimate " + min + " = "
            + m[min]);
        m[min] = 0;
        min = max;
      } else {
        lines.add("calibrate_delay_direct() dropping max bogoMips estimate " + max + " = "
            + m[max]);
        m[max] = 0;
        max = min;
      }
      for (int i = 0; i < m.length; i++) {
        if (m[i] == 0) {
          continue;
        }
        count++;
        sum += m[i];
        if (m[i] < m[min]) {
          min = i;
        }
        if (m[i] > m[max]) {
          max = i;
        }
      }
    }
    lines.add("calibrate_delay_direct() failed to get a good estimate for loops_per_jiffy.");
    lines.add("Probably due to long platform interrupts. Consider using \"lpj=\" boot option.");
    return new Result(0, lines);
  }
}
