package io.smpsim.kernel.sysctl;

import io.smpsim.sim.SimMessage;

/**
 * What the machine-wide lockup-detector control ({@code Sysctl}) tells one CPU, the way
 * kernel/watchdog.c does with {@code smp_call_on_cpu}: start or stop the detectors there, or
 * take note of new values of the global knobs. Declared with the control, as are the knobs
 * ({@link WatchdogParams}) and the command line's settings ({@link WatchdogBoot}); the per-CPU
 * detectors (the watchdog package) build on them.
 */
public final class WatchdogMail {

  private WatchdogMail() {}

  /** watchdog_enable(): start the hrtimer and, if enabled, the hard-lockup detector. */
  public record Enable(WatchdogParams params) implements SimMessage {}

  /** watchdog_disable(): stop the hard-lockup detector, then the hrtimer. */
  public record Disable() implements SimMessage {}

  /** The global knobs changed (no restart). */
  public record Params(WatchdogParams params) implements SimMessage {}

  /** lockup_detector_init() has set the boot CPU up: boot goes on. */
  public record InitDone() implements SimMessage {}

  /** 2.6 {@code kernel.nmi_watchdog} toggle: arm or silence this CPU's NMI watchdog. */
  public record LegacyToggle(boolean on) implements SimMessage {}
}
