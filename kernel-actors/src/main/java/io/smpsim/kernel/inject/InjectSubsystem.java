package io.smpsim.kernel.inject;

import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.Subsystem;

/** smpsim's fault injection: the {@code inject} command (other subsystems add verbs to it). */
public final class InjectSubsystem implements Subsystem {

  @Override
  public void register(Registry r) {
    r.command("inject", (args, line, c) -> InjectCommand.parse(args, c));
  }
}
