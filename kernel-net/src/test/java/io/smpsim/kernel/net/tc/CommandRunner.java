package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.NetCommandResult;

/** Something that runs one shell command line of a simulated machine. */
public interface CommandRunner {

  NetCommandResult run(String line);
}
