package io.smpsim.kernel.net.tc;

/**
 * What a command line of the network shell printed and how it exited, as a shell reports it.
 * The namespace entity hands it on to the asking shell job as a {@code ShellResult}.
 */
public record ShellResult(int exit, String stdout, String stderr) {

  /** A successful command that printed {@code stdout}. */
  public static ShellResult ok(String stdout) {
    return new ShellResult(0, stdout, "");
  }
}
