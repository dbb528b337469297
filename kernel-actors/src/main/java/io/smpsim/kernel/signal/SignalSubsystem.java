package io.smpsim.kernel.signal;

import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.Subsystem;

/**
 * Signals (kernel/signal.c): the shell's {@code kill} and the delivery of a signal to the task
 * on whichever CPU has it.
 */
public final class SignalSubsystem implements Subsystem {

  @Override
  public void register(Registry r) {
    r.command("kill", (args, line, c) -> KillCommand.parse(args));
    r.cpuMail(SignalMail.Deliver.class, SignalDelivery::deliver);
    r.wire(SignalMail.Deliver.class, SignalMail.Delivered.class, SignalMail.Outcome.class);
  }
}
