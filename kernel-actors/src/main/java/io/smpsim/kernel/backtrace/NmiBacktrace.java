package io.smpsim.kernel.backtrace;

import io.smpsim.sim.serialization.WireMessage;
import java.util.BitSet;

/**
 * The asking side of an all-CPU backtrace (lib/nmi_backtrace.c
 * {@code nmi_trigger_cpumask_backtrace}): the CPUs still to answer, the 10 s wait (10000 x 1 ms,
 * touching the soft-lockup watchdog), and what the caller does once it is over.
 */
public final class NmiBacktrace implements WireMessage {

  /** How long the asking CPU waits for the others. */
  public static final long WAIT_NS = 10_000_000_000L;

  /** What the caller goes on with when the backtraces are in. */
  public enum Then {
    /** watchdog_hardlockup_check(): maybe panic, then return from the NMI. */
    HARD_LOCKUP,
    /** watchdog_timer_fn(): taint, maybe panic, then return from the hrtimer. */
    SOFT_LOCKUP
  }

  private final BitSet waiting;
  private final Then then;
  private long timer = -1;

  public NmiBacktrace(BitSet waiting, Then then) {
    this.waiting = (BitSet) waiting.clone();
    this.then = then;
  }

  public Then then() {
    return then;
  }

  public long timer() {
    return timer;
  }

  public void timer(long t) {
    timer = t;
  }

  /** {@code cpu} answered; returns whether none is left. */
  public boolean done(int cpu) {
    waiting.clear(cpu);
    return waiting.isEmpty();
  }
}
