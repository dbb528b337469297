package io.smpsim.app.scenario;

/**
 * A scenario that cannot run: the message names the file, the line and the key, in the
 * {@code file:line: key: reason} form compilers use, so editors can jump to it.
 */
public final class ScenarioException extends RuntimeException {

  public ScenarioException(String origin, int line, String key, String reason) {
    super(origin + (line > 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "" : key + ": ")
        + reason);
  }

  public ScenarioException(String message) {
    super(message);
  }
}
