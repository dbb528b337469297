package io.smpsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.Cli;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bad option of a bench command is the user's input: exit 2 and one line that names the
 * option and the value, before anything runs; never an "internal error", nor zero rounds
 * reported as figures.
 */
class BenchBadOptionsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "scale --only nope|--only: no case 'nope'; the cases are cluster-sparse, cluster-fleet,",
      "scale --only memory --repeat 0|--repeat must be at least 1, got 0",
      "phold --entities 0|--entities must be at least 1, got 0",
      "phold --events-per-entity -3|--events-per-entity must be at least 1, got -3",
      "phold --remote 1.5|--remote must be between 0 and 1, got 1.5",
      "phold --lookahead 0ns|--lookahead must be at least 1, got 0",
      "phold --lookahead soon|Invalid value for option '--lookahead': not a duration: \"soon\"",
      "phold --duration 0s|--duration must be at least 1, got 0",
      "phold --nodes 0|--nodes must be between 1 and 64, got 0",
      "phold --repeat 0|--repeat must be at least 1, got 0",
      "htb --classes 0|--classes must be at least 1, got 0",
      "htb --classes 70000|--classes must be at most 65534 (the leaves are classes 1:1 to 1:fffe",
      "htb --baseline-classes 0|--baseline-classes must be at least 1, got 0",
      "htb --packets -5|--packets must be at least 1, got -5",
      "htb --repeat 0|--repeat must be at least 1, got 0"})
  void aBadValueIsRefusedWithItsOptionNamed(String args, String message) {
    String[] argv = ("bench " + args).split(" ");
    Cli.Outcome o = Cli.run(argv);
    assertEquals(2, o.exit(), o.stderr());
    assertTrue(o.stderr().startsWith("smpsim: ") && o.stderr().contains(message), o.stderr());
    assertFalse(o.stderr().contains("internal error"), o.stderr());
    assertEquals("", o.stdout(), "nothing measured");
  }
}
