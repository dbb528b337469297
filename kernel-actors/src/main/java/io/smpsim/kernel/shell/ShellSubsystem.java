package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.Subsystem;

/**
 * The machine's shell: {@code dmesg} (it reads the log buffer), {@code jobs} and the shell's
 * wire.
 */
public final class ShellSubsystem implements Subsystem {

  @Override
  public void register(Registry r) {
    r.command("dmesg", (args, line, c) -> Commands.dmesg(args));
    r.command("jobs", (args, line, c) -> JobsCommand.parse(args));
    r.wire(Shell.Run.class, Shell.BootComplete.class, Shell.Panicked.class, CommandResult.class,
        ShellReady.class);
  }
}
