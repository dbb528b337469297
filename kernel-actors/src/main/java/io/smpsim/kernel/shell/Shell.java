package io.smpsim.kernel.shell;

import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.net.NetAsker;
import io.smpsim.sim.Address;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimMessage;
import java.util.ArrayDeque;

/**
 * The machine's shell: runs the command lines of the timeline and of {@code smpsim shell}, one at
 * a time and in order, once the machine has booted. Each command becomes a {@link ShellJob};
 * when the job finishes the shell reports a {@link CommandResult}. Its mail is its own
 * {@link Command}s and the network namespace's answers to the commands it asked it to run.
 */
public final class Shell extends Entity<NetAsker> {

  /** What the shell accepts besides the network namespace's answers. */
  public sealed interface Command extends NetAsker
      permits Run, Reply, BootComplete, Panicked {}

  /** Run a command line. */
  public record Run(long requestId, String line, boolean interactive) implements Command {
    @Override
    public long traceId() {
      return requestId * 31 + line.hashCode();
    }
  }

  /** A reply from somewhere in the machine to job {@code job}. */
  public record Reply(long job, SimMessage body) implements Command {
    @Override
    public long traceId() {
      return job * 31 + body.traceId();
    }
  }

  /** init is running: commands can start. */
  public record BootComplete() implements Command {}

  /** The kernel panicked: the machine runs no command any more. */
  public record Panicked() implements Command {}

  /** The first pid of the tasks commands create (after the kernel's own threads). */
  static final int FIRST_PID = 100;

  private final MachineConfig config;
  private final MachineLayout layout;
  private final ArrayDeque<Run> queue = new ArrayDeque<>();
  private boolean booted;
  private boolean dead;
  private int nextPid;
  private Run running;
  private ShellJob job;
  private long jobId;

  private transient EntityContext ctx;
  private transient Jc jc;

  public Shell(MachineConfig config, MachineLayout layout) {
    this.config = config;
    this.layout = layout;
    // A few kernel threads per CPU (cpuhp, migration, ksoftirqd, kworkers) come first.
    this.nextPid = FIRST_PID + 6 * config.cpus();
  }

  @Override
  public void onEvent(EntityContext ctx, int src, NetAsker msg) {
    this.ctx = ctx;
    if (jc == null) {
      jc = new Jc();
    }
    if (msg instanceof Run r) {
      if (!dead && io.smpsim.kernel.power.PowerInject.isWakeup(r.line())) {
        // A wake-up comes from outside the machine: it does not wait for the command (a
        // suspend) the shell is blocked in.
        ctx.send(layout.power(), config.timings().mmio(),
            new io.smpsim.kernel.power.SuspendResume.Wakeup());
        ctx.output(new CommandResult(r.requestId(), config.name(), r.line(), 0, "", "",
            r.interactive()));
      } else if (!dead) {
        queue.add(r);
      }
    } else if (msg instanceof Reply reply) {
      onReply(reply.job(), reply.body());
    } else if (msg instanceof NetAsker.Answer answer) {
      onReply(answer.job(), answer.result());
    } else if (msg instanceof BootComplete) {
      booted = true;
      ctx.output(new ShellReady(config.name()));
    } else if (msg instanceof Panicked) {
      dead = true;
      job = null;
      running = null;
      queue.clear();
    } else {
      throw new IllegalArgumentException("the shell does not understand " + msg);
    }
    startNext();
  }

  /** A reply to job {@code id}: only the job now running is waiting for one. */
  private void onReply(long id, SimMessage body) {
    if (job != null && id == jobId) {
      job.onReply(jc, body);
    }
  }

  private void startNext() {
    while (booted && job == null && !queue.isEmpty()) {
      running = queue.poll();
      jobId++;
      try {
        job = Commands.parse(running.line(), config);
      } catch (IllegalArgumentException e) {
        job = new Commands.Failure(2, "sh: syntax error: " + e.getMessage());
      }
      job.start(jc);
    }
  }

  /** The context of the job now running. */
  private final class Jc implements JobContext {

    @Override
    public long jobId() {
      return jobId;
    }

    @Override
    public long now() {
      return ctx.now();
    }

    @Override
    public MachineConfig config() {
      return config;
    }

    @Override
    public MachineLayout layout() {
      return layout;
    }

    @Override
    public int allocatePid() {
      return nextPid++;
    }

    @Override
    public <M extends SimMessage> void send(Address<M> to, M msg) {
      ctx.send(to, config.timings().mmio(), msg);
    }

    @Override
    public void finish(int exit, String stdout, String stderr) {
      if (job == null) {
        return;
      }
      ctx.output(new CommandResult(running.requestId(), config.name(), running.line(), exit,
          stdout, stderr, running.interactive()));
      job = null;
      running = null;
    }
  }
}
