package io.smpsim.kernel.kprobes;

import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.Subsystem;

/**
 * Kernel probes on the NMI path, loaded by {@code inject kprobe FUNC} (the kprobes.txt example
 * module): the int3/single-step sequence whose IRETs re-open the NMI window on 2.6 kernels
 * before the NMI path was made unprobeable. The NMI code resumes a probed function itself
 * ({@link KprobeMail.Resume}).
 */
public final class KprobesSubsystem implements Subsystem {

  @Override
  public void register(Registry r) {
    r.perCpu(Kprobes.KEY, c -> new Kprobes());
    r.command("inject kprobe", (args, line, c) -> KprobeInject.parse(args, c));
    r.cpuMail(KprobeMail.Register.class, (k, m) -> Kprobes.of(k).register(k, m.function()));
    r.cpuMail(KprobeMail.Arm.class, (k, m) -> Kprobes.of(k).arm(m.function()));
    r.cpuMail(KprobeMail.SingleStep.class, (k, m) -> Kprobes.of(k).singleStep(k));
    r.wire(KprobeMail.Register.class, KprobeMail.Arm.class, KprobeMail.SingleStep.class,
        KprobeMail.Resume.class);
  }
}
