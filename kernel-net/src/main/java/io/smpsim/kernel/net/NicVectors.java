package io.smpsim.kernel.net;

import io.smpsim.hw.nic.NicConfig;
import io.smpsim.kernel.net.core.BitmapStr;
import io.smpsim.kernel.net.core.Errno;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The MSI-X vectors of a machine's NICs and where they point: one vector per queue pair
 * ({@code eth0-TxRx-0} ...), Linux IRQs from {@link #FIRST_IRQ} up in NIC order, each with its
 * affinity (/proc/irq/N/smp_affinity_list) and the CPU it is delivered to. The driver spreads
 * the vectors at probe time, vector {@code i} on CPU {@code i mod nr_cpus} (ixgbe's and i40e's
 * affinity hints); a write moves one (kernel/irq/proc.c write_irq_affinity); a CPU going
 * offline moves its vectors to the online CPUs (fixup_irqs(), kernel/irq/cpuhotplug.c
 * migrate_one_irq(): a vector with no online CPU left in its mask is broken to the online mask).
 */
public final class NicVectors {

  /** The first dynamically allocated IRQ: after the IO-APIC's 24 GSIs (gsi_top). */
  public static final int FIRST_IRQ = 24;

  /**
   * The x86 vector of the first NIC vector: device vectors sit between the legacy ISA block
   * (0x30-0x3f) and the system vectors (FIRST_SYSTEM_VECTOR, the local timer at 0xec);
   * arch/x86/include/asm/irq_vectors.h. NIC vector {@code v} arrives at {@code FIRST_VECTOR + v}.
   */
  public static final int FIRST_VECTOR = 0x40;

  /** The last x86 vector a NIC vector may use (below LOCAL_TIMER_VECTOR). */
  public static final int LAST_VECTOR = 0xeb;

  /** One vector: NIC {@code nic}'s queue pair {@code queue}. */
  record Vector(int nic, int queue, String name, long hwirq) {}

  private final int cpus;
  private final List<Vector> vectors = new ArrayList<>();
  /** The first vector of each NIC. */
  private final int[] firstOfNic;
  private final List<BitSet> affinity = new ArrayList<>();
  private final int[] target;
  private final BitSet online = new BitSet();

  public NicVectors(List<NicConfig> nics, int cpus) {
    this.cpus = cpus;
    this.firstOfNic = new int[nics.size()];
    for (int n = 0; n < nics.size(); n++) {
      firstOfNic[n] = vectors.size();
      vectors.addAll(of(nics.get(n), n));
    }
    if (vectors.size() > LAST_VECTOR - FIRST_VECTOR + 1) {
      throw new IllegalArgumentException("the NICs need " + vectors.size()
          + " queue vectors; a CPU has " + (LAST_VECTOR - FIRST_VECTOR + 1) + " device vectors");
    }
    this.target = new int[vectors.size()];
    for (int v = 0; v < vectors.size(); v++) {
      BitSet m = new BitSet();
      m.set(v % cpus);
      affinity.add(m);
      target[v] = v % cpus;
    }
  }

  /**
   * NIC {@code n}'s vectors: a queue pair each, named as ixgbe names them, with the hwirq of a
   * PCI MSI (drivers/pci/msi/irqdomain.c pci_msi_domain_calc_hwirq(): the MSI index | the
   * device's bus/devfn << 11; NIC n sits at bus n+1, device 0, function 0).
   */
  private static List<Vector> of(NicConfig c, int n) {
    List<Vector> out = new ArrayList<>();
    int pairs = Math.max(c.txQueues(), c.rxQueues());
    long devId = (long) (n + 1) << 8;
    for (int q = 0; q < pairs; q++) {
      out.add(new Vector(n, q, c.name() + "-TxRx-" + q, devId << 11 | q));
    }
    return out;
  }

  /** A vector as /proc/interrupts shows it: its IRQ, hwirq and name, and its number. */
  public record Row(int irq, long hwirq, String name, int vector) {}

  /** The machine's vectors, in IRQ order. */
  public static List<Row> rows(List<NicConfig> nics) {
    List<Row> rows = new ArrayList<>();
    int v = 0;
    for (int n = 0; n < nics.size(); n++) {
      for (Vector x : of(nics.get(n), n)) {
        rows.add(new Row(FIRST_IRQ + v, x.hwirq(), x.name(), v));
        v++;
      }
    }
    return rows;
  }

  public int size() {
    return vectors.size();
  }

  /** How many vectors a machine with these NICs has. */
  public static int count(List<NicConfig> nics) {
    int n = 0;
    for (NicConfig c : nics) {
      n += Math.max(c.txQueues(), c.rxQueues());
    }
    return n;
  }

  /** The vector taking NIC {@code nic}'s queue {@code queue} (its queue pair). */
  public int vectorOf(int nic, int queue) {
    int first = firstOfNic[nic];
    int end = nic + 1 < firstOfNic.length ? firstOfNic[nic + 1] : vectors.size();
    return Math.min(first + queue, end - 1);
  }

  /** Each vector's CPU, as now. */
  public int[] targets() {
    return target.clone();
  }

  /** The CPU vector {@code v} is delivered to. */
  public int cpuOf(int v) {
    return target[v];
  }

  /** The vector of Linux IRQ {@code irq}, or -1. */
  public int vectorOfIrq(int irq) {
    int v = irq - FIRST_IRQ;
    return v >= 0 && v < vectors.size() ? v : -1;
  }

  /** /proc/irq/N/smp_affinity_list's text. */
  public String affinityList(int v) {
    return BitmapStr.printList(affinity.get(v)) + "\n";
  }

  /**
   * A write of /proc/irq/N/smp_affinity_list: 0, or the errno (cpumask_parselist_user()'s
   * EINVAL or ERANGE; EINVAL for a mask with no online CPU, which x86 does not fill in itself).
   */
  public int writeAffinity(int v, String text) {
    BitSet m = new BitSet();
    int err = BitmapStr.parseList(text, m, cpus);
    if (err != 0) {
      return err;
    }
    if (!m.intersects(online)) {
      return Errno.EINVAL;
    }
    affinity.set(v, m);
    target[v] = -1;
    target[v] = pick(m, -1);
    return 0;
  }

  /** A CPU came online (it takes no vector until a write or a migration points one at it). */
  public void online(int cpu) {
    online.set(cpu);
  }

  /** A CPU went offline: fixup_irqs() moves its vectors to online CPUs of their masks. */
  public void offline(int cpu) {
    online.clear(cpu);
    for (int v = 0; v < target.length; v++) {
      if (target[v] != cpu) {
        continue;
      }
      BitSet m = affinity.get(v);
      if (!m.intersects(online)) {
        // irq_migrate_all_off_this_cpu(): "no longer affine", the affinity is broken.
        m = (BitSet) online.clone();
        affinity.set(v, m);
      }
      target[v] = -1;
      target[v] = pick(m, cpu);
    }
  }

  /**
   * The CPU the vector allocator gives a vector with mask {@code m}: the online CPU of the mask
   * with the fewest of these vectors (arch/x86/kernel/apic/vector.c through
   * kernel/irq/matrix.c matrix_find_best_cpu(), which picks the CPU with the most free
   * vectors), the lowest on a tie.
   */
  private int pick(BitSet m, int leaving) {
    int best = -1;
    int bestLoad = Integer.MAX_VALUE;
    for (int c = m.nextSetBit(0); c >= 0; c = m.nextSetBit(c + 1)) {
      if (!online.get(c) || c == leaving) {
        continue;
      }
      int load = 0;
      for (int t : target) {
        if (t == c) {
          load++;
        }
      }
      if (load < bestLoad) {
        best = c;
        bestLoad = load;
      }
    }
    return best < 0 ? m.nextSetBit(0) : best;
  }
}
