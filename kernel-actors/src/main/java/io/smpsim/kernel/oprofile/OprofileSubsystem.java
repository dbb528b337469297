package io.smpsim.kernel.oprofile;

import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.Subsystem;

/**
 * oprofile's NMI sampling (arch/i386/oprofile): a second user of the performance counters and
 * of NMIs next to the NMI watchdog, started and stopped by {@code inject profiler}.
 */
public final class OprofileSubsystem implements Subsystem {

  @Override
  public void register(Registry r) {
    r.perCpu(Oprofile.KEY, c -> new Oprofile());
    r.command("inject profiler", (args, line, c) -> ProfilerInject.parse(args, c));
    r.cpuMail(OprofileMail.Start.class, (k, m) -> Oprofile.of(k).start(k, m.counting()));
    r.cpuMail(OprofileMail.Stop.class, (k, m) -> Oprofile.of(k).stop(k));
    r.wire(OprofileMail.Start.class, OprofileMail.Stop.class);
  }
}
