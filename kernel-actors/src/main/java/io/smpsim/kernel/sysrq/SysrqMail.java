package io.smpsim.kernel.sysrq;

import io.smpsim.sim.SimMessage;
import java.util.BitSet;

/** The messages of a write to /proc/sysrq-trigger. */
public final class SysrqMail {

  private SysrqMail() {}

  /**
   * write_sysrq_trigger(): run key {@code key} for shell job {@code job} on the CPU the writing
   * shell runs on; {@code hops} counts the CPUs that could not run it (busy or offline);
   * {@code allowed} is the shell's affinity (null: every CPU).
   */
  public record Handle(long job, int key, int hops, BitSet allowed) implements SimMessage {}

  /** The write returned; the shell task ran it on {@code cpu} (-1: on no CPU). */
  public record Done(int cpu) implements SimMessage {}
}
