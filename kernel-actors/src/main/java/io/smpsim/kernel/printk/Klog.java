package io.smpsim.kernel.printk;

import io.smpsim.kernel.JobAsker;
import io.smpsim.sim.Address;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel log buffer of one machine. Kernel code anywhere in the machine writes lines here
 * (each carrying its printk timestamp); the buffer keeps them in arrival order, which the engine
 * makes the order of printing, reports each write as a {@link KernelLog} output, and answers
 * {@code dmesg}.
 */
public final class Klog extends Entity<Klog.Command> {

  /** What the log accepts. */
  public sealed interface Command extends SimMessage
      permits Write, Read, SchedClockRestored, ConsoleLevel {}

  /** console_loglevel changed (kernel.printk, dmesg -n). */
  public record ConsoleLevel(int level) implements Command {}

  /**
   * Append lines (one printk, or one block printed under the printk lock); {@code consoleLevel}
   * is the console_loglevel they are printed at when the printing code sets one for them
   * (__handle_sysrq()'s CONSOLE_LOGLEVEL_DEFAULT), 0 for the console's own.
   */
  public record Write(List<LogLine> lines, int consoleLevel) implements Command {

    /** Lines printed at the console's own level. */
    public Write(List<LogLine> lines) {
      this(lines, 0);
    }

    @Override
    public long traceId() {
      long h = 0x109L;
      for (LogLine l : lines) {
        h = h * 31 + l.text().hashCode();
      }
      return h;
    }
  }

  /**
   * Read the whole buffer; the answer goes to the shell job {@code job}. With {@code clear}
   * (dmesg -c, SYSLOG_ACTION_READ_CLEAR) the buffer is emptied after the read, so the next
   * read shows only what was printed since.
   */
  public record Read(long job, boolean clear) implements Command {
    public Read(long job) {
      this(job, false);
    }
  }

  /**
   * The machine resumed from suspend-to-RAM after {@code sleptNs}: the TSC stopped meanwhile,
   * and x86 restores sched_clock to go on from where it stopped
   * (arch/x86/kernel/tsc.c tsc_restore_sched_clock_state), so printk timestamps, which read
   * local_clock(), do not count the sleep. Simulated time does; the log subtracts it.
   */
  public record SchedClockRestored(long sleptNs) implements Command {}

  /** The buffer's contents. */
  public record Contents(List<LogLine> lines) implements SimMessage {}

  private final String machine;
  private final Address<JobAsker> shell;
  private final long latency;
  private final ArrayList<LogLine> buffer = new ArrayList<>();
  /** Simulated time the printk clock did not see (deep sleeps), subtracted from timestamps. */
  private long unseenNs;
  /** console_loglevel: which lines also go to the console. */
  private int consoleLevel;
  /** ignore_loglevel: every line goes to the console. */
  private final boolean ignoreLoglevel;

  /**
   * @param cmdline the machine's kernel command line (its console_loglevel, ignore_loglevel)
   */
  public Klog(String machine, Address<JobAsker> shell, long latency, String cmdline) {
    this.machine = machine;
    this.shell = shell;
    this.latency = latency;
    this.consoleLevel = ConsoleLoglevel.of(cmdline);
    this.ignoreLoglevel = ConsoleLoglevel.ignored(cmdline);
  }

  @Override
  public void onEvent(EntityContext ctx, int src, Command msg) {
    if (msg instanceof Write w) {
      List<LogLine> lines = unseenNs == 0 ? w.lines() : w.lines().stream()
          .map(l -> new LogLine(l.timeNs() - unseenNs, l.level(), l.text())).toList();
      buffer.addAll(lines);
      ctx.output(new KernelLog(machine, lines, ignoreLoglevel ? ConsoleLoglevel.ALL
          : w.consoleLevel() > 0 ? w.consoleLevel() : consoleLevel));
    } else if (msg instanceof ConsoleLevel c) {
      consoleLevel = c.level();
    } else if (msg instanceof SchedClockRestored r) {
      unseenNs += r.sleptNs();
    } else if (msg instanceof Read r) {
      ctx.send(shell, latency, new JobAsker.Answer(r.job(), new Contents(List.copyOf(buffer))));
      if (r.clear()) {
        buffer.clear();
      }
    }
  }
}
