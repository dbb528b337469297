package io.smpsim.kernel.kprobes;

import io.smpsim.hw.cpu.NmiSource;
import io.smpsim.sim.SimMessage;

/** What {@code inject kprobe} and a probe's handlers ask a CPU. */
public final class KprobeMail {

  private KprobeMail() {}

  /** insmod of the probe module, on the CPU the shell runs on: register_kprobe(). */
  public record Register(String function) implements SimMessage {}

  /** arch_arm_kprobe(): the int3 written at {@code function} is now seen by this CPU. */
  public record Arm(String function) implements SimMessage {}

  /** The pre-handler's printk is out on the console: the int3 handler returns (IRET). */
  public record SingleStep() implements SimMessage {}

  /**
   * The post-handler's printk is out on the console: the debug trap returns (IRET) and the
   * probed NMI-path function goes on from its first instruction.
   */
  public record Resume(String function, NmiSource source) implements SimMessage {}
}
