package io.smpsim.kernel.cpu;

import java.util.BitSet;

/**
 * The x86 vector matrix (kernel/irq/matrix.c, arch/x86/kernel/apic/vector.c) as it decides
 * where a device interrupt lands: how many vectors each online CPU has allocated. An IO-APIC
 * interrupt is only reserved when it is set up; request_irq() activates it, and
 * irq_matrix_alloc() gives it a vector on the online CPU with the most available ones
 * (matrix_find_best_cpu(): strictly more, so the first of equals); free_irq() gives it back.
 * Every CPU has the same system vectors; the boot CPU also keeps the timer's legacy vector
 * (lapic_assign_system_vectors() marks the ISA vectors on it, and vector_configure_legacy()
 * releases all but the activated IRQ0).
 */
final class IrqMatrix {

  private final int[] allocated;
  private final BitSet online = new BitSet();

  /** The matrix after early boot: only {@code bootCpu} online, holding IRQ0's vector. */
  IrqMatrix(int cpus, int bootCpu) {
    allocated = new int[cpus];
    online.set(bootCpu);
    allocated[bootCpu] = 1;
  }

  /** lapic_online() -> irq_matrix_online(): a CPU that came up takes vectors from now on. */
  void online(int cpu) {
    online.set(cpu);
  }

  /** irq_matrix_alloc() for one activated interrupt: the CPU its vector is on. */
  int alloc() {
    int best = -1;
    for (int c = online.nextSetBit(0); c >= 0; c = online.nextSetBit(c + 1)) {
      if (best < 0 || allocated[c] < allocated[best]) {
        best = c;
      }
    }
    allocated[best]++;
    return best;
  }

  /** irq_matrix_free(): the interrupt on {@code cpu} was freed. */
  void free(int cpu) {
    allocated[cpu]--;
  }
}
