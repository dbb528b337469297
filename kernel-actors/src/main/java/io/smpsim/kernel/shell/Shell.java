package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.JobAsker;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.core.Kernel;
import io.smpsim.kernel.core.JobTable;
import io.smpsim.kernel.core.KernelTables;
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
public final class Shell extends Entity<SimMessage> {

  /**
   * What the shell accepts besides the answers to its jobs' requests (the network namespace's
   * {@link NetAsker.Answer}, the kernel services' {@link JobAsker.Answer}).
   */
  public sealed interface Command extends NetAsker, JobAsker
      permits Run, BootComplete, Panicked {}

  /** Run a command line. */
  public record Run(long requestId, String line, boolean interactive) implements Command {
    @Override
    public long traceId() {
      return requestId * 31 + line.hashCode();
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
  private final Kernel kernel;
  private final ArrayDeque<Run> queue = new ArrayDeque<>();
  private boolean booted;
  private boolean dead;
  private int nextPid;
  /** The CPU the shell task last ran on (the boot CPU, where init was exec'd, at first). */
  private int shellCpu;
  private Run running;
  /** The exit status of the last command, what {@code $?} expands to. */
  private int lastExit;
  /** The background jobs. */
  private final JobTable jobTable = new JobTable();
  /** The working directory: init's, the root, until cd. */
  private String cwd = "/";
  /** The directory before the last cd ({@code cd -}). */
  private String oldCwd = "/";
  private ShellJob job;
  private long jobId;

  private transient EntityContext ctx;
  private transient Jc jc;

  public Shell(MachineConfig config, MachineLayout layout, Kernel kernel) {
    this.config = config;
    this.layout = layout;
    this.kernel = kernel;
    // A few kernel threads per CPU (cpuhp, migration, ksoftirqd, kworkers) come first.
    this.nextPid = FIRST_PID + 6 * config.cpus();
  }

  @Override
  public void onEvent(EntityContext ctx, int src, SimMessage msg) {
    this.ctx = ctx;
    if (jc == null) {
      jc = new Jc();
    }
    if (msg instanceof Run r) {
      KernelTables.OutOfBand now = kernel.tables().outOfBand(r.line());
      if (!dead && now != null) {
        // A wake-up comes from outside the machine: it does not wait for the command (a
        // suspend) the shell is blocked in.
        ctx.send(layout.address(now.to()), config.timings().mmio(), now.msg());
        ctx.output(new CommandResult(r.requestId(), config.name(), r.line(), 0, "", "",
            r.interactive()));
      } else if (!dead) {
        queue.add(r);
      }
    } else if (msg instanceof JobAsker.Answer answer) {
      onReply(answer.job(), answer.body());
    } else if (msg instanceof NetAsker.Answer answer) {
      onReply(answer.job(), answer.result());
    } else if (msg instanceof BootComplete) {
      booted = true;
      Serial8250.write(ctx, config, layout, prompt().length());
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

  /** The prompt the shell writes to the console before each command. */
  private String prompt() {
    return config.name() + "# ";
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
        job = Commands.parseLine(running.line(), lastExit, jobTable.lastBackground(), cwd,
            kernel.tables(), config);
      } catch (IllegalArgumentException e) {
        job = new ShellJob.Failure(2, "sh: syntax error: " + e.getMessage());
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
    public KernelTables tables() {
      return kernel.tables();
    }

    @Override
    public int allocatePid() {
      return nextPid++;
    }

    @Override
    public int lastPid() {
      return nextPid - 1;
    }

    @Override
    public int shellCpu() {
      return shellCpu;
    }

    @Override
    public void shellRanOn(int cpu) {
      shellCpu = cpu;
    }

    @Override
    public void timer(long delayNs, SimMessage body) {
      ctx.schedule(delayNs, new JobAsker.Answer(jobId, body));
    }

    @Override
    public JobTable jobs() {
      return jobTable;
    }

    @Override
    public String cwd() {
      return cwd;
    }

    @Override
    public void cwd(String dir) {
      oldCwd = cwd;
      cwd = dir;
    }

    @Override
    public String previousCwd() {
      return oldCwd;
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
          stdout, stderr, running.interactive(), cwd));
      // The tty echoed the line as it was typed; then the output and the next prompt.
      Serial8250.write(ctx, config, layout, running.line().length() + 1 + stdout.length()
          + stderr.length() + prompt().length());
      lastExit = exit;
      job = null;
      running = null;
    }
  }
}
