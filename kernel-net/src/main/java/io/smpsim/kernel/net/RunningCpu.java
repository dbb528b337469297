package io.smpsim.kernel.net;

import io.smpsim.hw.cpu.Cpu;
import io.smpsim.sim.EntityContext;

/**
 * The CPU the data path's current code runs on — a sender's {@code __dev_queue_xmit()}, a
 * {@code qdisc_run()}, a NAPI poll — and how far that code has got in simulated time. What the
 * code spends is charged to its CPU when the code moves on (as system time, the
 * {@link NetCpuMail.XmitCost} the htb class walk sends too), and a CPU's next code here starts
 * after the work it was given before: it runs one thing at a time.
 */
final class RunningCpu {

  private final NetnsConfig config;
  /** Per CPU, when the work this data path gave it ends. */
  private final long[] freeAt;
  /** The CPU, or -1 for code on none the model accounts for (which costs nothing). */
  private int cpu = -1;
  /** The event's time plus what the code spent since; the packets it hands the NIC leave then. */
  private long clock;
  /** What the CPU spent in this event, not yet charged to it. */
  private long charged;

  RunningCpu(NetnsConfig config) {
    this.config = config;
    this.freeAt = new long[config.cpus()];
  }

  /** The CPU the code runs on, or -1. */
  int cpu() {
    return cpu;
  }

  /** Where the code has got to in simulated time. */
  long clock() {
    return clock;
  }

  /**
   * The code that follows runs on {@code next} (-1: on none), from the event's time on, or
   * from when that CPU's earlier work here ends. What the code before spent is charged to its
   * CPU.
   */
  void moveTo(EntityContext ctx, int next) {
    if (cpu >= 0 && charged > 0) {
      ctx.send(config.cpuAddresses().get(cpu), config.mmioNs(),
          new Cpu.KernelMail(new NetCpuMail.XmitCost(charged)));
    }
    if (cpu >= 0) {
      freeAt[cpu] = Math.max(freeAt[cpu], clock);
    }
    charged = 0;
    cpu = next;
    long now = ctx == null ? 0 : ctx.now();
    clock = next >= 0 ? Math.max(now, freeAt[next]) : now;
  }

  /** The code spends {@code ns} of its CPU (nothing on no CPU). */
  void spend(long ns) {
    if (cpu >= 0 && ns > 0) {
      clock += ns;
      charged += ns;
    }
  }
}
