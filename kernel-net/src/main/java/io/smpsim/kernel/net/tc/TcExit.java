package io.smpsim.kernel.net.tc;

/**
 * iproute2 leaving a command early: what it printed on stderr and its exit status (an
 * {@code exit(-1)} from invarg()/duparg() is 255, a parser's {@code return 1} is 1).
 */
public final class TcExit extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final int status;
  private final String stderr;

  public TcExit(int status, String stderr) {
    super(stderr, null, false, false);
    this.status = status;
    this.stderr = stderr;
  }

  public int status() {
    return status;
  }

  public String stderrText() {
    return stderr;
  }

  /** invarg(): {@code Error: argument "ARG" is wrong: MSG}, exit 255. */
  public static TcExit invarg(String msg, String arg) {
    return new TcExit(255, "Error: argument \"" + arg + "\" is wrong: " + msg + "\n");
  }

  /** duparg(): exit 255. */
  public static TcExit duparg(String key, String arg) {
    return new TcExit(255, "Error: duplicate \"" + key + "\": \"" + arg
        + "\" is the second value.\n");
  }

  /** duparg2(): exit 255. */
  public static TcExit duparg2(String key, String arg) {
    return new TcExit(255, "Error: either \"" + key + "\" is duplicate, or \"" + arg
        + "\" is a garbage.\n");
  }

  /** incomplete_command(): exit 255. */
  public static TcExit incomplete() {
    return new TcExit(255, "Command line is not complete. Try option \"help\"\n");
  }
}
