package io.smpsim.kernel.net;

/** What a command line printed and how it exited, as a shell would report it. */
public record NetCommandResult(int exit, String stdout, String stderr) {

  /** A successful command that printed {@code stdout}. */
  public static NetCommandResult ok(String stdout) {
    return new NetCommandResult(0, stdout, "");
  }
}
