package io.smpsim.kernel.sched;

import io.smpsim.hw.cpu.Cpu;
import io.smpsim.kernel.JobAsker;
import io.smpsim.kernel.core.BusyboxUsage;
import io.smpsim.kernel.core.CpuList;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.JobTable;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.core.Options;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.hotplug.CpuHotplug;
import io.smpsim.kernel.task.CpuTask;
import io.smpsim.sim.SimMessage;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * busybox taskset (util-linux/taskset.c, Debian 12's 1.35.0): shows or sets a process's CPU
 * affinity ({@code taskset -p [-c] [AFFINITY] PID}), or starts a program with one; smpsim's
 * programs being the background busy loop, {@code taskset [-c] AFFINITY sh -c 'while :; do :;
 * done' &} starts a loop pinned to AFFINITY. The affinity is a hex mask, or with {@code -c} a
 * list ({@code 1,3,5-7}); {@code -a} (all threads) changes nothing for one-thread processes.
 *
 * <p>The kernel's side (kernel/sched/core.c): sched_getaffinity() answers the task's mask and
 * the active CPUs; sched_setaffinity() keeps the mask (offline CPUs included) unless no active
 * CPU is in it (EINVAL), and moves the task only if its CPU is not in it
 * (__set_cpus_allowed_ptr_locked). smpsim moves it to the first idle CPU of the mask after its
 * own, or with none idle to the least busy one, where it shares the CPU (the kernel's
 * cpumask_any_and_distribute() picks the next CPU of the mask whatever runs there). A forked
 * child inherits the shell's affinity, as nproc's count follows it.
 */
public final class Taskset {

  static final String APPLET = "taskset";

  private Taskset() {}

  /** Parses taskset's words ({@code args}); {@code line} tells whether it ends in {@code &}. */
  static ShellJob parse(List<String> args, String line) {
    boolean background = line.strip().endsWith("&");
    List<String> words = background ? withoutAmpersand(args) : args;
    // getopt32("^+pca" "\0" "-1"): options up to the first operand; -a (all threads) changes
    // nothing for one-thread processes.
    Options o = Options.parse(APPLET, words, "+pca", 1);
    if (o.failure() != null) {
      return o.failure();
    }
    boolean p = o.has('p');
    boolean list = o.has('c');
    List<String> rest = o.operands();
    if (rest.isEmpty()) {
      return new ShellJob.Failure(1, BusyboxUsage.of(APPLET));
    }
    String aff = rest.get(0);
    if (p) {
      String pidText = rest.size() > 1 ? rest.get(1) : aff;
      String bad = pidError(pidText);
      if (bad != null) {
        return new ShellJob.Failure(1, bad);
      }
      return new Pid(Integer.parseInt(pidText), rest.size() > 1 ? aff : null, list);
    }
    List<String> program = rest.subList(1, rest.size());
    if (program.isEmpty()) {
      return new ShellJob.Failure(1, BusyboxUsage.of(APPLET));
    }
    if (!background || !busyLoop(program)) {
      return new ShellJob.Failure(2, "sh: smpsim's taskset runs only a background busy loop"
          + " (taskset -c LIST sh -c 'while :; do :; done' &) and shows or sets a process's"
          + " affinity (taskset -p [-c] [AFFINITY] PID)");
    }
    return new Loop(aff, list);
  }

  private static List<String> withoutAmpersand(List<String> args) {
    if (args.isEmpty()) {
      return args;
    }
    String last = args.get(args.size() - 1);
    if (last.equals("&")) {
      return args.subList(0, args.size() - 1);
    }
    List<String> w = new ArrayList<>(args);
    w.set(w.size() - 1, last.substring(0, last.length() - 1));
    return w;
  }

  /** {@code sh -c 'while :; do :; done'}: a subshell running the busy loop. */
  private static boolean busyLoop(List<String> program) {
    return program.size() == 3 && program.get(0).equals("sh") && program.get(1).equals("-c")
        && program.get(2).strip().replaceAll("\\s+", " ")
            .matches("while (:|true) ?; ?do (:|true) ?; ?done;?");
  }

  /**
   * xatoul_range(PID, 1, INT_MAX)'s complaint, or null for a good pid: digits only, read as
   * 32 bits (busybox 1.35 on x86-64: a number past them is not a number at all).
   */
  private static String pidError(String text) {
    if (!text.matches("\\d{1,20}") || new java.math.BigInteger(text).bitLength() > 32) {
      return "taskset: invalid number '" + text + "'";
    }
    long n = Long.parseLong(text);
    if (n < 1 || n > Integer.MAX_VALUE) {
      return "taskset: number " + n + " is not in 1..2147483647 range";
    }
    return null;
  }

  /**
   * The bytes of the mask busybox passes (get_aff(): a long, doubled until sched_getaffinity()
   * accepts it, that is until it has a bit for every possible CPU).
   */
  static int maskBytes(int possible) {
    int bytes = Long.BYTES;
    while (bytes * 8 < possible) {
      bytes *= 2;
    }
    return bytes;
  }

  /**
   * The affinity AFF as busybox reads it into a mask of {@code bits} bits, or null when it is
   * bad (busybox's own list syntax, narrower than the kernel's cpulist_parse() that
   * {@link CpuList#parse} implements: no strides, no {@code all}, no {@code N}): a hex mask (an optional 0x; bits past the mask ignored) or, with {@code list}, CPUs
   * and ranges separated by commas (CPUs past the mask ignored).
   */
  static BitSet parseAffinity(String aff, boolean list, int bits) {
    BitSet m = new BitSet();
    if (list) {
      for (String part : aff.split(",", -1)) {
        String[] range = part.split("-", -1);
        if (range.length > 2 || !range[0].matches("\\d{1,9}")
            || (range.length == 2 && !range[1].matches("\\d{1,9}"))) {
          return null;
        }
        int from = Integer.parseInt(range[0]);
        int to = range.length == 2 ? Integer.parseInt(range[1]) : from;
        if (from > to) {
          return null;
        }
        m.set(Math.min(from, bits), Math.min(to + 1, bits));
      }
      return m;
    }
    String hex = aff.length() > 1 && aff.charAt(0) == '0' && (aff.charAt(1) | 0x20) == 'x'
        ? aff.substring(2) : aff;
    for (int i = 0; i < hex.length(); i++) {
      int v = Character.digit(hex.charAt(hex.length() - 1 - i), 16);
      if (v < 0) {
        return null;
      }
      for (int b = 0; b < 4; b++) {
        if ((v >> b & 1) != 0 && 4 * i + b < bits) {
          m.set(4 * i + b);
        }
      }
    }
    return m;
  }

  /** What "bad affinity" quotes: the text after a 0x busybox skipped (not with -c). */
  static String quoted(String aff, boolean list) {
    return !list && aff.length() > 1 && aff.charAt(0) == '0' && (aff.charAt(1) | 0x20) == 'x'
        ? aff.substring(2) : aff;
  }

  /**
   * The mask as busybox prints it (from_mask()): each long of the mask as 16 hex digits, the
   * first long first, leading zeros dropped.
   */
  static String hexMask(BitSet mask, int bytes) {
    StringBuilder b = new StringBuilder();
    for (int w = 0; w < bytes / Long.BYTES; w++) {
      long[] words = mask.get(64 * w, 64 * w + 64).toLongArray();
      b.append(String.format("%016x", words.length == 0 ? 0L : words[0]));
    }
    int z = 0;
    while (z < b.length() - 1 && b.charAt(z) == '0') {
      z++;
    }
    return b.substring(z);
  }

  static String show(BitSet mask, boolean list, int bytes) {
    // print_cpulist() prints the ranges as the kernel's %*pbl does.
    return list ? CpuList.format(mask) : hexMask(mask, bytes);
  }

  /**
   * {@code taskset -p [-c] [AFFINITY] PID}: the process's affinity (its mask and the active
   * CPUs), and with AFFINITY the new one, the process moved off a CPU it no longer has. A loop's
   * mask is the one its runqueue has (hotplug may have reset it); a stopped loop's and the
   * shell's are the shell's record of them.
   */
  static final class Pid implements ShellJob {
    private final int pid;
    private final String set;
    private final boolean list;
    private BitSet online;
    /** The mask before the change. */
    private BitSet before;
    /** The "current" line, printed first whatever happens next. */
    private String current;
    private BitSet wanted;
    /** The CPU the loop was found on, -1 before it is (or if it is stopped). */
    private int cpu = -1;
    /** Whether the loop has been asked to take the new mask. */
    private boolean setting;

    Pid(int pid, String set, boolean list) {
      this.pid = pid;
      this.set = set;
      this.list = list;
    }

    @Override
    public void start(JobContext jc) {
      if (pid != JobTable.SHELL_PID && !running(jc.jobs().byPid(pid))) {
        jc.fail(1, "taskset: can't get pid " + pid + "'s affinity: No such process");
        return;
      }
      jc.send(jc.layout().hotplug(), new CpuHotplug.QueryMasks(jc.jobId()));
    }

    private static boolean running(JobTable.Job j) {
      return j != null && j.running();
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      if (body instanceof CpuHotplug.Masks m) {
        online = m.online();
        if (pid == JobTable.SHELL_PID) {
          show(jc, jc.jobs().affinity(pid));
        } else {
          ask(jc, jc.jobs().byPid(pid).cpu(), null);
        }
      } else if (body instanceof SchedMail.AffinityOf a) {
        if (!setting) {
          cpu = a.cpu();
          show(jc, a.cpu() >= 0 ? a.allowed() : jc.jobs().affinity(pid));
        } else if (a.cpu() < 0 || !a.left()) {
          // Stopped (SIGCONT places it within the new mask), or staying with it.
          done(jc);
        } else {
          place(jc, a.cpu());
        }
      } else if (body instanceof SchedMail.Placed p) {
        placed(jc, p.cpu());
      }
    }

    /** Asks the runqueues, from {@code from} on, for the loop's mask or to set it. */
    private void ask(JobContext jc, int from, BitSet mask) {
      jc.send(jc.layout().cpu(from), new Cpu.KernelMail(
          new SchedMail.Affinity(jc.jobId(), pid, jc.config().cpus(), mask)));
    }

    /** sched_getaffinity(): the mask ({@code null}: every CPU) and the active CPUs. */
    private String line(JobContext jc, String which, BitSet mask) {
      BitSet shown = mask != null ? (BitSet) mask.clone() : CpuList.range(jc.config().cpus());
      shown.and(online);
      return "pid " + pid + "'s " + which + " affinity " + (list ? "list" : "mask") + ": "
          + Taskset.show(shown, list, maskBytes(jc.config().cpus())) + "\n";
    }

    private void show(JobContext jc, BitSet mask) {
      before = mask;
      current = line(jc, "current", mask);
      if (set == null) {
        jc.ok(current);
        return;
      }
      BitSet w = parseAffinity(set, list, 8 * maskBytes(jc.config().cpus()));
      if (w == null) {
        jc.finish(1, current, "taskset: bad affinity '" + quoted(set, list) + "'\n");
        return;
      }
      w.and(CpuList.range(jc.config().cpus()));
      BitSet usable = (BitSet) w.clone();
      usable.and(online);
      if (usable.isEmpty()) {
        jc.finish(1, current,
            "taskset: can't set pid " + pid + "'s affinity: Invalid argument\n");
        return;
      }
      wanted = w;
      if (pid != JobTable.SHELL_PID) {
        setting = true;
        ask(jc, cpu >= 0 ? cpu : jc.jobs().byPid(pid).cpu(), wanted);
      } else if (wanted.get(jc.shellCpu())) {
        done(jc);
      } else {
        place(jc, jc.shellCpu());
      }
    }

    private void place(JobContext jc, int from) {
      cpu = from;
      int cpus = jc.config().cpus();
      UserLoop.place(jc, (from + 1) % cpus, cpus - 1, wanted);
    }

    private void placed(JobContext jc, int to) {
      if (to < 0) {
        if (pid != JobTable.SHELL_PID) {
          // Back where it was, as it was: nothing changes.
          UserLoop.wake(jc, UserLoop.task(pid, before), cpu);
        }
        jc.finish(1, current, "taskset: can't set pid " + pid + "'s affinity: no CPU of "
            + CpuList.format(wanted) + " can take it now\n");
        return;
      }
      if (pid == JobTable.SHELL_PID) {
        jc.shellRanOn(to);
      } else {
        UserLoop.wake(jc, UserLoop.task(pid, wanted), to);
        jc.jobs().seenOn(pid, to);
      }
      done(jc);
    }

    private void done(JobContext jc) {
      jc.jobs().setAffinity(pid, wanted);
      jc.ok(current + line(jc, "new", wanted));
    }
  }

  /**
   * {@code taskset AFFINITY sh -c 'while :; do :; done' &}: the busy loop, forked and pinned to
   * AFFINITY before it spins.
   */
  static final class Loop implements ShellJob {
    private final String aff;
    private final boolean list;
    private BitSet mask;

    Loop(String aff, boolean list) {
      this.aff = aff;
      this.list = list;
    }

    @Override
    public void start(JobContext jc) {
      mask = parseAffinity(aff, list, 8 * maskBytes(jc.config().cpus()));
      if (mask == null) {
        jc.fail(1, "taskset: bad affinity '" + quoted(aff, list) + "'");
        return;
      }
      mask.and(CpuList.range(jc.config().cpus()));
      jc.send(jc.layout().hotplug(), new CpuHotplug.QueryMasks(jc.jobId()));
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      if (body instanceof CpuHotplug.Masks m) {
        BitSet usable = (BitSet) mask.clone();
        usable.and(m.online());
        if (usable.isEmpty()) {
          jc.fail(1, "taskset: can't set pid 0's affinity: Invalid argument");
          return;
        }
        // The fork, then the child's sched_setaffinity(): it runs within the mask.
        int cpus = jc.config().cpus();
        UserLoop.place(jc, (jc.shellCpu() + 1) % cpus, cpus, mask);
      } else if (body instanceof SchedMail.Placed p) {
        if (p.cpu() < 0) {
          jc.fail(2, "sh: can't fork: no CPU of " + CpuList.format(mask) + " can take the task");
          return;
        }
        UserLoop.started(jc, p.cpu(), mask);
      }
    }
  }

  /**
   * The CPU's part of a {@link SchedMail.Affinity}: if the task is here, it answers its mask and
   * takes the new one, leaving if the new one lacks this CPU; else the next CPU is asked.
   */
  static void affinity(KernelCpu k, SchedMail.Affinity a) {
    CpuTask t = k.task(a.pid());
    if (t != null) {
      boolean leaves = a.set() != null && !a.set().get(k.index());
      if (leaves) {
        k.removeTask(a.pid());
      } else if (a.set() != null) {
        k.setAllowed(a.pid(), a.set());
      }
      answer(k, a.job(), new SchedMail.AffinityOf(a.pid(), k.index(), t.allowed(), leaves));
      return;
    }
    if (a.left() <= 1) {
      answer(k, a.job(), new SchedMail.AffinityOf(a.pid(), -1, null, false));
      return;
    }
    k.mail((k.index() + 1) % k.config().cpus(),
        new SchedMail.Affinity(a.job(), a.pid(), a.left() - 1, a.set()));
  }

  private static void answer(KernelCpu k, long job, SimMessage body) {
    k.hw().send(k.layout().shell(), k.config().timings().mmio(), new JobAsker.Answer(job, body));
  }
}
