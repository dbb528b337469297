package io.smpsim.kernel.inject;

import io.smpsim.kernel.core.Duration;
import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.Shorthand;
import io.smpsim.hw.chipset.Chipset;
import io.smpsim.hw.chipset.NmiLine;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.core.Vectors;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.task.CpuTask;
import io.smpsim.kernel.task.TaskKind;
import io.smpsim.kernel.task.TaskMail;
import java.util.List;

/**
 * smpsim's fault injection, as a shell command:
 * <pre>
 * inject hardlockup cpu N [for D]        a kthread on N spins with interrupts off
 * inject softlockup cpu N [for D]        a kthread on N spins with preemption off
 * inject spinlock cpu N holder M [for D] N spins on a lock M holds with interrupts off
 * inject busy cpu N [for D]              N busy-waits with interrupts off, touching the watchdog
 * inject nmi-source serr|iochk           the chipset raises PCI SERR or IOCHK
 * inject unknown-nmi cpu N               an NMI nobody sent lands on CPU N
 * inject debugger attach|detach          a kernel debugger claims NMIs nobody else explains
 * </pre>
 * A task is woken on its CPU as the scheduler does it: onto the runqueue, then a RESCHEDULE
 * IPI (sent from CPU 0, where the shell runs). Bad verbs or arguments change nothing.
 */
public final class InjectCommand {

  static final String USAGE = "usage: inject hardlockup|softlockup|busy cpu N [for D]"
      + " | inject spinlock cpu N holder M [for D] | inject nmi-source serr|iochk"
      + " | inject unknown-nmi cpu N | inject debugger attach|detach";

  private InjectCommand() {}

  /** Parses {@code inject ...}; a bad line is a failing job with a clear message. */
  public static ShellJob parse(List<String> args, MachineConfig config) {
    if (args.isEmpty()) {
      return fail(USAGE);
    }
    String verb = args.get(0);
    List<String> rest = args.subList(1, args.size());
    return switch (verb) {
      case "hardlockup" -> task(verb, rest, config, TaskKind.IRQS_OFF_SPIN);
      case "softlockup" -> task(verb, rest, config, TaskKind.PREEMPT_OFF_SPIN);
      case "busy" -> task(verb, rest, config, TaskKind.BUSY_TOUCHING);
      case "spinlock" -> spinlock(rest, config);
      case "nmi-source" -> nmiSource(rest);
      case "unknown-nmi" -> unknownNmi(rest, config);
      case "debugger" -> debugger(rest);
      default -> fail("inject: unknown fault '" + verb + "' (hardlockup, softlockup, spinlock,"
          + " busy, nmi-source, unknown-nmi, debugger)");
    };
  }

  private static ShellJob fail(String message) {
    return new ShellJob.Failure(2, message);
  }

  /** "cpu N" at {@code args[i]}: the CPU, or -1 after reporting through {@code error}. */
  private static int cpu(List<String> args, int i, MachineConfig config, StringBuilder error) {
    if (args.size() < i + 2 || !args.get(i).equals("cpu")) {
      error.append("inject: expected 'cpu N'");
      return -1;
    }
    String n = args.get(i + 1);
    if (!n.matches("[0-9]{1,5}") || Integer.parseInt(n) >= config.cpus()) {
      error.append("inject: no CPU '").append(n).append("' (CPUs 0-")
          .append(config.cpus() - 1).append(")");
      return -1;
    }
    return Integer.parseInt(n);
  }

  /** An optional "for D" at {@code args[i]}: ns, -1 for ever, or -2 after an error. */
  private static long duration(List<String> args, int i, StringBuilder error) {
    if (args.size() == i) {
      return -1;
    }
    if (args.size() != i + 2 || !args.get(i).equals("for")) {
      error.append("inject: unexpected '").append(String.join(" ", args.subList(i, args.size())))
          .append("' (expected 'for D', e.g. 'for 30s')");
      return -2;
    }
    long d = Duration.parse(args.get(i + 1));
    if (d <= 0) {
      error.append("inject: bad duration '").append(args.get(i + 1))
          .append("' (a number and a unit: ns, us, ms, s, m, h)");
      return -2;
    }
    return d;
  }

  private static ShellJob task(String verb, List<String> args, MachineConfig config,
      TaskKind kind) {
    StringBuilder e = new StringBuilder();
    int cpu = cpu(args, 0, config, e);
    long d = cpu < 0 ? -2 : duration(args, 2, e);
    if (d == -2) {
      return fail(e.toString());
    }
    String comm = switch (kind) {
      case IRQS_OFF_SPIN -> "hardlockup/";
      case PREEMPT_OFF_SPIN -> "softlockup/";
      default -> "busywait/";
    };
    return new Wake(new int[] {cpu}, new String[] {comm + cpu}, new TaskKind[] {kind},
        new long[] {d}, new int[] {-1});
  }

  private static ShellJob spinlock(List<String> args, MachineConfig config) {
    StringBuilder e = new StringBuilder();
    int cpu = cpu(args, 0, config, e);
    if (cpu < 0) {
      return fail(e.toString());
    }
    if (args.size() < 4 || !args.get(2).equals("holder")) {
      return fail("inject: expected 'holder M' after 'cpu " + cpu + "'");
    }
    int holder = cpu(List.of("cpu", args.get(3)), 0, config, e);
    if (holder < 0) {
      return fail(e.toString());
    }
    if (holder == cpu) {
      return fail("inject: the lock holder must be another CPU than " + cpu);
    }
    long d = duration(args, 4, e);
    if (d == -2) {
      return fail(e.toString());
    }
    // The holder takes the lock with interrupts off and keeps it for D; the waiter spins.
    return new Wake(new int[] {holder, cpu},
        new String[] {"lockholder/" + holder, "spinlock/" + cpu},
        new TaskKind[] {TaskKind.LOCK_HOLDER, TaskKind.SPINLOCK_WAIT}, new long[] {d, -1},
        new int[] {cpu, holder});
  }

  private static ShellJob nmiSource(List<String> args) {
    if (args.size() != 1 || !(args.get(0).equals("serr") || args.get(0).equals("iochk"))) {
      return fail("inject: expected 'nmi-source serr' or 'nmi-source iochk'");
    }
    NmiLine line = args.get(0).equals("serr") ? NmiLine.SERR : NmiLine.IOCHK;
    return new Assert(line);
  }

  private static ShellJob unknownNmi(List<String> args, MachineConfig config) {
    StringBuilder e = new StringBuilder();
    int cpu = cpu(args, 0, config, e);
    if (cpu < 0) {
      return fail(e.toString());
    }
    if (args.size() != 2) {
      return fail("inject: unexpected '" + String.join(" ", args.subList(2, args.size())) + "'");
    }
    return new StrayNmi(cpu);
  }

  private static ShellJob debugger(List<String> args) {
    if (args.size() != 1 || !(args.get(0).equals("attach") || args.get(0).equals("detach"))) {
      return fail("inject: expected 'debugger attach' or 'debugger detach'");
    }
    return new Debugger(args.get(0).equals("attach"));
  }

  /** Wakes tasks on their CPUs. */
  record Wake(int[] cpus, String[] comms, TaskKind[] kinds, long[] runNs, int[] peers)
      implements ShellJob {
    @Override
    public void start(JobContext jc) {
      for (int i = 0; i < cpus.length; i++) {
        CpuTask t = new CpuTask(comms[i], jc.allocatePid(), kinds[i], runNs[i], peers[i]);
        jc.send(jc.layout().cpu(cpus[i]), new Cpu.KernelMail(new TaskMail.Wake(t)));
        jc.send(jc.layout().apic(0), new LocalApic.WriteIcr(DeliveryMode.FIXED, Shorthand.NONE,
            jc.layout().apicId(cpus[i]), Vectors.RESCHEDULE));
      }
      jc.ok("");
    }
  }

  /** A chipset NMI source fires. */
  record Assert(NmiLine line) implements ShellJob {
    @Override
    public void start(JobContext jc) {
      jc.send(jc.layout().chipset(), new Chipset.Assert(line));
      jc.ok("");
    }
  }

  /** An NMI IPI from nowhere the kernel knows of. */
  record StrayNmi(int cpu) implements ShellJob {
    @Override
    public void start(JobContext jc) {
      jc.send(jc.layout().apic(0), new LocalApic.WriteIcr(DeliveryMode.NMI, Shorthand.NONE,
          jc.layout().apicId(cpu), 2));
      jc.ok("");
    }
  }

  /** Attaches or detaches the debugger on every CPU. */
  record Debugger(boolean attach) implements ShellJob {
    @Override
    public void start(JobContext jc) {
      for (int c = 0; c < jc.config().cpus(); c++) {
        jc.send(jc.layout().cpu(c), new Cpu.KernelMail(new TaskMail.Debugger(attach)));
      }
      jc.ok("");
    }
  }
}
