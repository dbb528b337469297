package io.smpsim.kernel.rcu;

import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.StaticFile;
import io.smpsim.kernel.core.Subsystem;

/**
 * RCU's CPU stall detector (kernel/rcu/tree_stall.h) and its module parameters
 * (/sys/module/rcupdate/parameters, kernel/rcu/update.c): see {@link RcuStall}; the grace
 * periods that bringing up the CPUs costs: see {@link RcuSync}.
 */
public final class RcuSubsystem implements Subsystem {

  private static final String PARAMS = "/sys/module/rcupdate/parameters/";

  @Override
  public void register(Registry r) {
    r.perCpu(RcuStall.KEY, RcuStall::new);
    r.file(PARAMS + RcuStall.TIMEOUT, c -> new RcuParamFile(RcuStall.TIMEOUT));
    r.file(PARAMS + RcuStall.SUPPRESS, c -> new RcuParamFile(RcuStall.SUPPRESS));
    // rcu_ftrace_dump() on a stall is not modelled: the parameter reads as the recorded kernel's.
    r.file(PARAMS + "rcu_cpu_stall_ftrace_dump", c -> new StaticFile("0\n"));
    r.contextSwitch(RcuStall::switched);
    r.cpuMail(RcuMail.SetParam.class, (k, m) -> RcuStall.of(k).setParam(k, m.name(), m.value()));
    r.cpuMail(RcuMail.Query.class, (k, m) -> RcuStall.of(k).query(k, m));
    r.cpuMail(RcuMail.Check.class, (k, m) -> RcuStall.of(k).check(k, m));
    r.cpuMail(RcuMail.Blocking.class, (k, m) -> RcuStall.of(k).watch(k, m));
    r.cpuMail(RcuMail.Quiescent.class, (k, m) -> RcuStall.of(k).unwatch(k, m.cpu()));
    r.cpuMail(RcuMail.SmpInitGracePeriods.class, (k, m) -> RcuSync.tickedThrough(k, m.count()));
    r.wire(RcuMail.SetParam.class, RcuMail.Query.class, RcuMail.Check.class,
        RcuMail.Blocking.class, RcuMail.Quiescent.class, RcuMail.SmpInitGracePeriods.class,
        RcuMail.Value.class,
        RcuParamFile.Read.class, RcuParamFile.Write.class);
  }
}
