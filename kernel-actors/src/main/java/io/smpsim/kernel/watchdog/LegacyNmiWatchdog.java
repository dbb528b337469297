package io.smpsim.kernel.watchdog;

import io.smpsim.sim.serialization.WireMessage;

/**
 * One CPU's 2.6 NMI watchdog state (arch/x86_64/kernel/nmi.c {@code nmi_watchdog_tick}, i386
 * likewise): every watchdog NMI compares the CPU's timer-interrupt sum with the one of the
 * previous NMI; {@code 5 * nmi_hz} NMIs in a row without progress is a lockup.
 */
public final class LegacyNmiWatchdog implements WireMessage {

  /** What one watchdog tick decided. */
  public enum Verdict { PROGRESS, TOUCHED, SILENT, LOCKUP }

  private boolean enabled;
  private long lastIrqSum = -1;
  private int alertCounter;
  private boolean nmiTouch;
  /** How many CPUs are in a touch_nmi_watchdog() busy-wait now (each touches every CPU). */
  private int touchers;

  public boolean enabled() {
    return enabled;
  }

  public void enabled(boolean on) {
    enabled = on;
  }

  public int alertCounter() {
    return alertCounter;
  }

  /** touch_nmi_watchdog() from some CPU: this CPU's flag is set. */
  public void touch() {
    nmiTouch = true;
  }

  /** A CPU started ({@code +1}) or ended ({@code -1}) a busy-wait that keeps touching. */
  public void touchers(int delta) {
    touchers += delta;
    nmiTouch = true;
  }

  /**
   * One tick of the check.
   *
   * @param sum the CPU's timer interrupts (LOC, plus IRQ0 with the dynticks fix)
   * @param touchedByNotifier a die notifier claimed the NMI
   * @param nmiHz NMIs per second
   * @param resetEveryTick the alert-counter-reset quirk
   */
  public Verdict tick(long sum, boolean touchedByNotifier, int nmiHz, boolean resetEveryTick) {
    boolean touched = touchedByNotifier;
    if (nmiTouch) {
      nmiTouch = touchers > 0;
      touched = true;
    }
    Verdict v;
    if (!touched && lastIrqSum == sum) {
      alertCounter++;
      v = alertCounter == 5 * nmiHz ? Verdict.LOCKUP : Verdict.SILENT;
    } else {
      lastIrqSum = sum;
      alertCounter = 0;
      v = touched ? Verdict.TOUCHED : Verdict.PROGRESS;
    }
    if (resetEveryTick) {
      alertCounter = 0;
    }
    return v;
  }
}
