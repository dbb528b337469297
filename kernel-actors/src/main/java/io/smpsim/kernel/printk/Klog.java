package io.smpsim.kernel.printk;

import io.smpsim.kernel.shell.Shell;
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
  public sealed interface Command extends SimMessage permits Write, Read {}

  /** Append lines (one printk, or one block printed under the printk lock). */
  public record Write(List<LogLine> lines) implements Command {
    @Override
    public long traceId() {
      long h = 0x109L;
      for (LogLine l : lines) {
        h = h * 31 + l.text().hashCode();
      }
      return h;
    }
  }

  /** Read the whole buffer; the answer goes to the shell job {@code job}. */
  public record Read(long job) implements Command {}

  /** The buffer's contents. */
  public record Contents(List<LogLine> lines) implements SimMessage {}

  private final String machine;
  private final Address<Shell.Command> shell;
  private final long latency;
  private final ArrayList<LogLine> buffer = new ArrayList<>();

  public Klog(String machine, Address<Shell.Command> shell, long latency) {
    this.machine = machine;
    this.shell = shell;
    this.latency = latency;
  }

  @Override
  public void onEvent(EntityContext ctx, int src, Command msg) {
    if (msg instanceof Write w) {
      buffer.addAll(w.lines());
      ctx.output(new KernelLog(machine, w.lines()));
    } else if (msg instanceof Read r) {
      ctx.send(shell, latency, new Shell.Reply(r.job(), new Contents(List.copyOf(buffer))));
    }
  }
}
