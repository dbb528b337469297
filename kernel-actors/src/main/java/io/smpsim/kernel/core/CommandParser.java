package io.smpsim.kernel.core;

import io.smpsim.kernel.MachineConfig;
import java.util.List;

/** How a subsystem turns its shell command's words into a job. */
@FunctionalInterface
public interface CommandParser {

  /**
   * The job for {@code line}; {@code args} are its words after the registered name.
   * A bad line is a failing job, never an exception.
   */
  ShellJob parse(List<String> args, String line, MachineConfig config);
}
