package io.smpsim.kernel.power;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wake-up event counters of drivers/base/power/wakeup.c behind
 * {@code /sys/power/wakeup_count}: every wake-up event a source reports adds one
 * (wakeup_source_report_event()); a write of the current count arms the check
 * (pm_save_wakeup_count(): a stale count is refused, EINVAL), and while armed any new event
 * makes pm_wakeup_pending() true, which aborts a suspend. A hard event
 * (pm_wakeup_hard_event(), pm_system_wakeup()) aborts one in progress even unarmed, until
 * freeze_processes() clears it (pm_wakeup_clear()).
 */
final class WakeupEvents {

  private static final Pattern NUMBER = Pattern.compile("^\\s*([+-]?)(\\d+)");

  /** combined_event_count's event part, as the unsigned int user space reads. */
  private long count;
  private long saved;
  /** events_check_enabled. */
  private boolean checkEnabled;
  /** pm_abort_suspend. */
  private boolean abort;
  /** wakeup_irq[0]: the first armed IRQ that woke the machine since the last clear, or 0. */
  private int wakeupIrq;

  /**
   * pm_system_irq_wakeup(): a wake-armed IRQ fired while the device IRQs were suspended; the
   * first one since the last clear is kept.
   */
  void irqWakeup(int irq) {
    if (wakeupIrq == 0) {
      wakeupIrq = irq;
    }
  }

  /** pm_wakeup_irq(). */
  int wakeupIrq() {
    return wakeupIrq;
  }

  /** A source reports an event; {@code hard} ones abort a suspend in progress. */
  void report(boolean hard) {
    count = (count + 1) & 0xffffffffL;
    if (hard) {
      abort = true;
    }
  }

  /** wakeup_count_show(). */
  String show() {
    return count + "\n";
  }

  /**
   * wakeup_count_store(): sscanf("%u") then pm_save_wakeup_count(); false (EINVAL) when the
   * text is not a number or the count is stale.
   */
  boolean store(String text) {
    Matcher m = NUMBER.matcher(text);
    if (!m.find()) {
      return false;
    }
    // %u takes a sign: a negative number wraps modulo 2^32, as strtoul() does.
    BigInteger n = new BigInteger(m.group(2));
    if (m.group(1).equals("-")) {
      n = n.negate();
    }
    long v = n.mod(BigInteger.ONE.shiftLeft(32)).longValue();
    if (v == count) {
      saved = v;
      checkEnabled = true;
    }
    // pm_save_wakeup_count() answers events_check_enabled: a check armed by an earlier
    // write stays armed (and the write succeeds) even if this count is stale.
    return checkEnabled;
  }

  /** pm_wakeup_clear(0), at freeze_processes(): the abort flag and the wake-up IRQ. */
  void clearAbort() {
    abort = false;
    wakeupIrq = 0;
  }

  /** enter_state()'s Finish: events_check_enabled = false. */
  void endCheck() {
    checkEnabled = false;
  }

  /** pm_wakeup_pending(): a check that finds an event disarms itself. */
  boolean pending() {
    boolean ret = false;
    if (checkEnabled) {
      ret = count != saved;
      checkEnabled = !ret;
    }
    return ret || abort;
  }
}
