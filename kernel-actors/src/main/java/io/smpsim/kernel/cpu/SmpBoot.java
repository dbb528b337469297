package io.smpsim.kernel.cpu;

import io.smpsim.kernel.core.Vectors;
import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.Shorthand;
import io.smpsim.hw.cpu.CpuContext;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.printk.ContLine;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.sim.serialization.WireMessage;

/**
 * The boot CPU's bring-up of the application processors (arch/x86/kernel/smpboot.c,
 * kernel/smp.c): one at a time, INIT then two STARTUP IPIs through the local APIC, then wait for
 * the AP to call in. The {@code .... node  #0, CPUs: #1 #2 ...} line is built with pr_cont as
 * {@code announce_cpu} does, its widths derived from the number of possible CPUs.
 */
public final class SmpBoot implements WireMessage {

  /** Wait between INIT and the first STARTUP, and between the two STARTUPs (modern CPUs). */
  static final long SIPI_DELAY_NS = 10_000;

  private final MachineConfig config;
  private final ContLine announce = new ContLine();
  private int next = 1;
  private int broughtUp = 1;
  private boolean first = true;

  public SmpBoot(MachineConfig config) {
    this.config = config;
  }

  /** Whether every AP has been brought up. */
  public boolean done() {
    return next >= config.cpus();
  }

  public int broughtUp() {
    return broughtUp;
  }

  /** The announce line's records so far, closing it. */
  public ContLine announce() {
    return announce;
  }

  /** Announces the next AP and sends it INIT + STARTUP; returns its index. */
  public int kickNext(CpuContext cpu) {
    int ap = next++;
    announce(cpu.now(), ap);
    int apicId = cpu.topology().apicId(ap);
    cpu.apic(new LocalApic.WriteIcr(DeliveryMode.INIT, Shorthand.NONE, apicId, 0));
    return ap;
  }

  /** Sends the STARTUP IPI to {@code ap} (called {@link #SIPI_DELAY_NS} after INIT, twice). */
  public void startup(CpuContext cpu, int ap) {
    cpu.apic(new LocalApic.WriteIcr(DeliveryMode.STARTUP, Shorthand.NONE,
        cpu.topology().apicId(ap), Vectors.TRAMPOLINE_PAGE));
  }

  public void calledIn() {
    broughtUp++;
  }

  private void announce(long now, int ap) {
    int width = digits(config.cpus()) + 1;
    if (first) {
      announce.begin(now, LogLevel.INFO, ".... node  #0, CPUs:  ");
      announce.cont(now, " ".repeat(width + 1));
      first = false;
    }
    announce.cont(now, " ".repeat(Math.max(1, width - digits(ap))) + "#" + ap);
  }

  static int digits(int n) {
    return Integer.toString(n).length();
  }
}
