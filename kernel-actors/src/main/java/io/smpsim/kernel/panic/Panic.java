package io.smpsim.kernel.panic;

import io.smpsim.sim.SimRandom;
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

  /** CONFIG_PHYSICAL_ALIGN: the step of the kernel's randomized virtual base. */
  static final long PHYSICAL_ALIGN = 0x200000L;
  /**
   * How far KASLR may move the kernel's virtual base: KERNEL_IMAGE_SIZE (1 GiB with
   * RANDOMIZE_BASE) less LOAD_PHYSICAL_ADDR (16 MiB) and the image with its bss (some 64 MiB
   * for Debian's 6.1 build).
   */
  static final long KASLR_SPAN = 0x40000000L - 0x1000000L - 0x4000000L;

  /**
   * arch/x86/boot/compressed/kaslr.c find_random_virt_addr(): the virtual offset a boot of
   * machine {@code machine} with {@code cmdline} picked, one of the CONFIG_PHYSICAL_ALIGN slots
   * (the boot's entropy is the machine's: a fixed function of its name and command line, so a
   * run is reproducible).
   */
  public static long kaslrOffset(String machine, String cmdline) {
    SimRandom r = SimRandom.forEntity(cmdline.hashCode(), machine);
    return r.nextInt((int) (KASLR_SPAN / PHYSICAL_ALIGN)) * PHYSICAL_ALIGN;
  }

  /**
   * arch/x86/kernel/setup.c dump_kernel_offset(), a panic notifier: where KASLR put the
   * kernel (__START_KERNEL, and the range __START_KERNEL_map..MODULES_VADDR - 1 it can be
   * put in), or "disabled" ({@code nokaslr}, or a kernel built without RANDOMIZE_BASE).
   * The recordings' kernel randomizes (its direct map is not at 0xffff888000000000).
   */
  public static String kernelOffset(boolean kaslr, long offset) {
    return kaslr
        ? String.format("Kernel Offset: 0x%x from 0xffffffff81000000 (relocation range:"
            + " 0xffffffff80000000-0xffffffffbfffffff)", offset)
        : "Kernel Offset: disabled";
  }

  /**
   * The final lines of panic() (kernel/panic.c) for {@code kernel.panic} = {@code timeout},
   * after the panic notifiers' {@code offsetLine}: a positive timeout waits and reboots, a
   * negative one reboots at once (emergency_restart(), no message), 0 stops for good.
   */
  public static java.util.List<String> endLines(String message, int timeout,
      String offsetLine) {
    java.util.List<String> l = new java.util.ArrayList<>();
    l.add(offsetLine);
    if (timeout > 0) {
      l.add("Rebooting in " + timeout + " seconds..");
    } else if (timeout == 0) {
      l.add("---[ end Kernel panic - not syncing: " + message + " ]---");
    }
    return l;
  }
}
