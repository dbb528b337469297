package io.smpsim.kernel.rcu;

import io.smpsim.sim.SimMessage;

/** What RCU's stall detector tells CPUs, and what a CPU answers a shell job. */
public final class RcuMail {

  private RcuMail() {}

  /** Kernel mail of the stall detector. */
  public sealed interface Mail extends SimMessage
      permits SetParam, Query, Check, Blocking, Quiescent, SmpInitGracePeriods {}

  /** A write to /sys/module/rcupdate/parameters/{@code name}: every CPU's copy of it. */
  public record SetParam(String name, int value) implements Mail {
    @Override
    public long traceId() {
      return name.hashCode() * 31L + value;
    }
  }

  /** A read of /sys/module/rcupdate/parameters/{@code name} for shell job {@code job}. */
  public record Query(long job, String name) implements Mail {
    @Override
    public long traceId() {
      return job * 31 + name.hashCode();
    }
  }

  /**
   * check_cpu_stall() from the scheduler tick at the jiffy a stall becomes reportable on the
   * CPU that checks: {@code stalled}'s stall that began with grace period {@code gp}.
   */
  public record Check(int stalled, long gp) implements Mail {
    @Override
    public long traceId() {
      return stalled * 31L + gp;
    }
  }

  /**
   * {@code cpu} took a task that runs with interrupts off (no tick, no quiescent state): the
   * grace period that started at jiffy {@code gpStart} waits on it.
   */
  public record Blocking(int cpu, long gp, long gpStart, int timeout) implements Mail {
    @Override
    public long traceId() {
      return cpu * 31L + gpStart;
    }
  }

  /** {@code cpu} passed a quiescent state (its task left the CPU). */
  public record Quiescent(int cpu) implements Mail {
    @Override
    public long traceId() {
      return cpu;
    }
  }

  /**
   * smp_init() is over: this CPU was online, its tick periodic, for {@code count} of the normal
   * grace periods the cpu_up() calls cost ({@link RcuSync}).
   */
  public record SmpInitGracePeriods(int count) implements Mail {
    @Override
    public long traceId() {
      return count;
    }
  }

  /** The answer to a {@link Query}: the file's text. */
  public record Value(String text) implements SimMessage {}
}
