package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.Subsystem;
import java.util.List;

/**
 * The machine's shell: {@code dmesg} (it reads the log buffer), {@code jobs}, {@code sleep},
 * {@code cd}, {@code pwd}, {@code test}, {@code hostname} and the shell's wire.
 */
public final class ShellSubsystem implements Subsystem {

  @Override
  public void register(Registry r) {
    r.command("dmesg", (args, line, c) -> Commands.dmesg(args));
    r.command("jobs", (args, line, c) -> JobsCommand.parse(args));
    r.command("sleep", (args, line, c) -> Sleep.parse(args));
    r.command("cd", (args, line, c) -> Cd.cd(args));
    r.command("pwd", (args, line, c) -> Cd.pwd(args));
    r.command("hostname", (args, line, c) -> Hostname.parse(args));
    r.command("test", (args, line, c) -> new Test(List.copyOf(args), false));
    r.command("[", (args, line, c) -> new Test(List.copyOf(args), true));
    r.wire(Shell.Run.class, Shell.BootComplete.class, Shell.Panicked.class, CommandResult.class,
        ShellReady.class, Sleep.Woke.class);
  }
}
