package io.smpsim.kernel.nmi;


/**
 * The x86 NMI_LOCAL handler "arch_bt" (arch/x86/kernel/apic/hw_nmi.c): if this CPU's bit is
 * set in {@code backtrace_mask}, print its backtrace (nmi_cpu_backtrace) and claim the NMI.
 */
public record ArchBacktraceHandler() implements NmiHandler {

  @Override
  public String name() {
    return "arch_bt";
  }

  @Override
  public int handle(NmiContext nmi) {
    return nmi.backtrace();
  }
}
