package io.smpsim.app.scenario;

/**
 * What a timeline entry's command is expected to exit with ({@code expect = ok}, the default;
 * {@code expect = fail}, any non-zero status; or {@code expect = 2}, that status): a scenario that
 * demonstrates an error says so, and a command that does not do what its entry expects is
 * reported at the end of the run, which then exits {@code 4}.
 *
 * @param exit the expected status, or -1 for any failure
 * @param origin where the entry was declared (file:line)
 */
public record Expectation(int exit, String origin) {

  /** Any non-zero status. */
  static final int ANY_FAILURE = -1;

  /** The keyword for {@link #ANY_FAILURE}. */
  static final String FAIL = "fail";

  /** The keyword for a zero status. */
  static final String OK = "ok";

  /** Reads the {@code expect} key of a timeline entry (ok when absent). */
  static Expectation of(ConfigReader entry) {
    String origin = entry.origin() + ":" + entry.line();
    if (!entry.has("expect")) {
      return new Expectation(0, origin);
    }
    String v = entry.string("expect");
    if (v.equals(FAIL)) {
      return new Expectation(ANY_FAILURE, origin);
    }
    if (v.equals(OK)) {
      return new Expectation(0, origin);
    }
    if (!v.matches("[0-9]{1,3}")) {
      throw entry.error("expect", "expected ok, fail or an exit status (0..255), got '" + v
          + "'");
    }
    return new Expectation(entry.intIn("expect", 0, 0, 255), origin);
  }

  /** Whether a command that exited {@code status} did what was expected. */
  public boolean met(int status) {
    return exit == ANY_FAILURE ? status != 0 : status == exit;
  }

  /** The expectation in words: {@code 0}, {@code a failure}, {@code 2}. */
  public String describe() {
    return exit == ANY_FAILURE ? "a failure" : String.valueOf(exit);
  }
}
