package io.smpsim.kernel;

import io.smpsim.sim.SimRandom;
import io.smpsim.sim.serialization.WireMessage;

/**
 * What CPUID tells the kernel about the machine's CPU model beyond its name: family, model and
 * stepping (printed by smpboot as {@code (family: 0x%x, model: 0x%x, stepping: 0x%x)}) and
 * whether the TSC is invariant (CPUID 0x80000007 EDX bit 8), from which the kernel derives
 * {@code constant_tsc}.
 *
 * @param family the CPU family (cpuinfo_x86.x86)
 * @param model the model number (x86_model)
 * @param stepping the stepping (x86_stepping)
 * @param invariantTsc whether CPUID advertises an invariant TSC
 * @param calibrationJitter how much the CPU's timed delay loops scatter: the standard deviation
 *     of the natural log of each calibrate_delay_direct() measurement (0: every loop takes the
 *     same time, as on hardware; an emulator's vCPU threads compete for host CPUs)
 * @param hostCpus the CPUs of the emulator's host: the loops only scatter once more CPUs are
 *     online than it has, so that vCPU threads wait for one another (0: no emulator)
 */
public record CpuId(int family, int model, int stepping, boolean invariantTsc,
    double calibrationJitter, int hostCpus) implements WireMessage {

  /**
   * The delay-loop jitter of QEMU's models, which it emulates with TCG unless told to use KVM:
   * on the recorded TCG guests an AP's calibrate_delay_direct() drops about 2.5 of its 5
   * measurements and now and then gives up, which measurements scattered this much reproduce.
   */
  public static final double TCG_JITTER = 0.3;

  /** The host CPUs of the recorded TCG guests. */
  public static final int TCG_HOST_CPUS = 2;

  /**
   * What one line of an NMI handler's report costs on hardware: vsnprintf() and the store into
   * the ring buffer (printk from NMI context only stores, the consoles print later from
   * irq_work) and, in a register dump's call trace, the unwinder: microseconds.
   */
  static final long HW_NMI_LINE_NS = 2_000;

  /**
   * The same under QEMU's TCG, which translates and runs the guest's code far slower: on the
   * recorded TCG guest the backtrace of an RCU-stalled CPU (20 lines, that CPU's handler and
   * its sender the only vCPUs running) took 2.283 ms by sched_clock() (e_softlockup_smp8).
   */
  static final long TCG_NMI_LINE_NS = 115_000;

  /** The name QEMU gives its own CPU models (qemu64, qemu32), which lack invtsc by default. */
  private static final String QEMU_VIRTUAL = "QEMU Virtual CPU";

  /**
   * The CPUID of a model by its name when the scenario does not say: QEMU's qemu64 (family 15,
   * model 107, stepping 1, no invtsc unless {@code -cpu qemu64,+invtsc}), else a Skylake server
   * (family 6, model 0x55, stepping 4, invariant TSC).
   */
  public static CpuId defaultFor(String modelName) {
    if (modelName.contains(QEMU_VIRTUAL)) {
      return new CpuId(0xf, 0x6b, 1, false, TCG_JITTER, TCG_HOST_CPUS);
    }
    return new CpuId(6, 0x55, 4, true, 0, 0);
  }

  /**
   * The scatter of a delay loop timed while {@code online} CPUs run: the jitter once the vCPU
   * threads outnumber the host's CPUs, else none.
   */
  public double jitterWith(int online) {
    return hostCpus > 0 && online > hostCpus ? calibrationJitter : 0;
  }

  /**
   * The emulator host's scheduler slice: its kernel's EEVDF base slice, 0.75 ms scaled by
   * 1 + log2 of its CPUs (kernel/sched/fair.c sysctl_sched_base_slice,
   * SCHED_TUNABLESCALING_LOG): how long a vCPU thread runs before the host may switch to
   * another.
   */
  long hostSliceNs() {
    return 750_000L * (1 + 31 - Integer.numberOfLeadingZeros(Math.max(1, hostCpus)));
  }

  /**
   * How long an NMI handler that prints {@code lines} lines runs, as sched_clock() measures it
   * around the call (nmi_handle), while {@code runnable} CPUs run at once (the targets of one
   * NMI IPI and the CPU that sent it, spinning in its wait). On hardware each CPU runs its own.
   * Under an emulator the guest's code runs far slower; and once more vCPU threads run than
   * the host has CPUs, a thread whose handler does not fit in what is left of its host slice
   * (a chance of work / slice) is switched out and waits while the others run theirs, which
   * sched_clock() (the host's TSC) counts too. The result scatters as the delay loops do
   * ({@link #jitterWith}); {@code random} is drawn from only under an emulator.
   */
  public long nmiHandlerNs(int lines, int runnable, SimRandom random) {
    if (hostCpus <= 0) {
      return lines * HW_NMI_LINE_NS;
    }
    double ns = lines * TCG_NMI_LINE_NS;
    if (runnable > hostCpus) {
      long slice = hostSliceNs();
      if (random.nextDouble() < Math.min(1.0, ns / slice)) {
        ns += (double) (runnable - hostCpus) / hostCpus * slice;
      }
      ns *= StrictMath.exp(jitterWith(runnable) * random.nextGaussian());
    }
    return Math.max(1, Math.round(ns));
  }

  /** Whether the model name says AMD (the vendor string CPUID would give is AuthenticAMD). */
  public static boolean amd(String modelName) {
    return modelName.startsWith("AMD");
  }

  /**
   * X86_FEATURE_CONSTANT_TSC as the kernel sets it: Intel from family 0xf model 3 and family 6
   * model 0xe on (arch/x86/kernel/cpu/intel.c early_init_intel), or any CPU with an invariant
   * TSC (early_init_amd, early_init_intel: x86_power bit 8).
   */
  public boolean constantTsc(String modelName) {
    if (invariantTsc) {
      return true;
    }
    return !amd(modelName) && ((family == 0xf && model >= 0x03) || (family == 6 && model >= 0x0e));
  }

  /**
   * unsynchronized_tsc() (arch/x86/kernel/tsc.c): without constant_tsc, a non-Intel system with
   * more than one possible CPU is assumed to have unsynchronized TSCs, so tsc_init() marks the
   * TSC unstable and the TSC clocksources are never used.
   */
  public boolean tscUnstable(String modelName, int possibleCpus) {
    return !constantTsc(modelName) && amd(modelName) && possibleCpus > 1;
  }
}
