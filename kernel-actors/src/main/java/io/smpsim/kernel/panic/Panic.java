package io.smpsim.kernel.panic;

import io.smpsim.sim.serialization.WireMessage;
import java.util.BitSet;

/**
 * The panicking CPU's progress through panic() (kernel/panic.c, 6.6) and smp_send_stop()
 * (arch/x86/kernel/smp.c native_stop_other_cpus): the REBOOT_VECTOR IPI to every other CPU,
 * up to a second for them to stop, then an NMI to those that did not (a CPU spinning with
 * interrupts off), up to 10 ms more, then the end of the panic.
 */
public final class Panic implements WireMessage {

  /** How long smp_send_stop() waits for the REBOOT_VECTOR IPI to work. */
  public static final long IPI_WAIT_NS = 1_000_000_000L;
  /** How long it waits after the NMI. */
  public static final long NMI_WAIT_NS = 10_000_000L;

  private final String message;
  private final BitSet waiting;
  private int step;
  private long timer = -1;

  public Panic(String message, BitSet others) {
    this.message = message;
    this.waiting = (BitSet) others.clone();
  }

  public String message() {
    return message;
  }

  public BitSet waiting() {
    return waiting;
  }

  public int step() {
    return step;
  }

  public void step(int s) {
    step = s;
  }

  public long timer() {
    return timer;
  }

  public void timer(long t) {
    timer = t;
  }

  /** A CPU stopped; returns whether none is left. */
  public boolean stopped(int cpu) {
    waiting.clear(cpu);
    return waiting.isEmpty();
  }

  /** The final lines of panic() for {@code kernel.panic} = {@code timeout}. */
  public static java.util.List<String> endLines(String message, int timeout) {
    java.util.List<String> l = new java.util.ArrayList<>();
    l.add("Kernel Offset: disabled");
    if (timeout > 0) {
      l.add("Rebooting in " + timeout + " seconds..");
    } else if (timeout == 0) {
      l.add("---[ end Kernel panic - not syncing: " + message + " ]---");
    }
    return l;
  }
}
