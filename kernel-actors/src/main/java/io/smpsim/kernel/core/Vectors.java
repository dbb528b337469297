package io.smpsim.kernel.core;

/** x86 interrupt vectors Linux uses (arch/x86/include/asm/irq_vectors.h, modern layout). */
public final class Vectors {

  public static final int NMI = 2;
  /** ISA IRQ n arrives at vector 0x30 + n (IRQ0_VECTOR). */
  public static final int ISA_IRQ_BASE = 0x30;
  public static final int LOCAL_TIMER = 0xec;
  public static final int IRQ_WORK = 0xf6;
  /** REBOOT_VECTOR: smp_send_stop()'s "stop this CPU". */
  public static final int REBOOT = 0xf8;
  public static final int CALL_FUNCTION_SINGLE = 0xfb;
  public static final int CALL_FUNCTION = 0xfc;
  public static final int RESCHEDULE = 0xfd;
  public static final int ERROR_APIC = 0xfe;
  public static final int SPURIOUS_APIC = 0xff;
  /** The startup IPI vector: the real-mode trampoline's page number (0x9a000 >> 12). */
  public static final int TRAMPOLINE_PAGE = 0x9a;

  private Vectors() {}

  /** The vector of ISA IRQ {@code irq}. */
  public static int isa(int irq) {
    return ISA_IRQ_BASE + irq;
  }
}
