package io.smpsim.kernel.sched;

import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.Subsystem;

/**
 * The scheduler's placement of tasks the shell forks (kernel/sched/core.c, fair.c): the
 * shell's background user-space busy loop ({@link UserLoop}) and CPU affinity
 * ({@link Taskset}).
 */
public final class SchedSubsystem implements Subsystem {

  @Override
  public void register(Registry r) {
    r.command("while", (args, line, c) -> UserLoop.parse(line));
    r.command(Taskset.APPLET, (args, line, c) -> Taskset.parse(args, line));
    r.background(Taskset.APPLET);
    r.cpuMail(SchedMail.Place.class, UserLoop::place);
    r.cpuMail(SchedMail.Affinity.class, Taskset::affinity);
    r.wire(SchedMail.Place.class, SchedMail.Placed.class, SchedMail.Affinity.class,
        SchedMail.AffinityOf.class);
  }
}
