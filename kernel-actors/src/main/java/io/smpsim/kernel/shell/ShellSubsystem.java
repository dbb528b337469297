package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.Subsystem;

/**
 * The machine's shell: the commands that are not its builtins but run through it ({@code dmesg}
 * reads the log buffer; {@code ip}, {@code tc}, {@code traffic} and the tc oracle's
 * pseudo-commands go to the network namespace), and its wire.
 */
public final class ShellSubsystem implements Subsystem {

  @Override
  public void register(Registry r) {
    r.command("dmesg", (args, line, c) -> Commands.dmesg(args));
    for (String net : new String[] {"ip", "tc", "traffic", "@send", "@sleep", "@nl-qdisc-add",
        "@autohandle"}) {
      r.command(net, (args, line, c) -> new NetJob(line));
    }
    r.wire(Shell.Run.class, Shell.BootComplete.class, Shell.Panicked.class, CommandResult.class,
        ShellReady.class, NetJob.class);
  }
}
