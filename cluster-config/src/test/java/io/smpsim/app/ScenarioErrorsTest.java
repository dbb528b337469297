package io.smpsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad scenario stops before anything runs: exit 2, and a message naming file, line and key. */
class ScenarioErrorsTest {

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  private static final String HEAD = "seed = 1\nduration = 1s\n";

  /** Runs {@code smpsim ARGS}: it must stop as invalid input (exit 2). */
  private static Cli.Outcome refused(String... args) {
    Cli.Outcome o = Cli.run(args);
    assertEquals(2, o.exit(), o.stderr());
    return o;
  }

  /** Runs scenario {@code f}: it must stop as invalid input (exit 2). */
  private static Cli.Outcome refused(Path f) {
    return refused("run", f.toString());
  }

  @Test
  void aWrongTypeNamesFileLineAndKey() throws IOException {
    Path f = write("wrong-type.conf", HEAD + "machines = [\n  {\n    cpus = eight\n  }\n]\n");
    Cli.Outcome o = refused(f);
    assertEquals("smpsim: " + f + ":5: machines[0].cpus: expected an integer, got a string"
        + " (\"eight\")\n", o.stderr());
    assertEquals("", o.stdout());
  }

  @Test
  void anUnknownKeyNamesFileLineAndKey() throws IOException {
    Path f = write("unknown.conf", HEAD + "machines = [ { cpus = 4 } ]\nmachnies = []\n");
    String err = refused(f).stderr();
    assertTrue(err.startsWith("smpsim: " + f + ":4: machnies: unknown key (known keys: "), err);
  }

  @Test
  void anUnknownKeyInsideAMachineIsCaughtToo() throws IOException {
    Path f = write("unknown-machine-key.conf", HEAD + "machines = [\n { cpus = 4\n   cpuz = 2 }\n]\n");
    String err = refused(f).stderr();
    assertTrue(err.startsWith("smpsim: " + f + ":5: machines[0].cpuz: unknown key"), err);
  }

  @Test
  void aMissingFileIsInvalidInput() {
    Path f = dir.resolve("nope.conf");
    assertEquals("smpsim: " + f + ": no such file\n", refused(f).stderr());
  }

  @Test
  void anUnmodelledKernelVersionIsRefusedWithTheAcceptedOnes() throws IOException {
    Path k = write("kernel.conf", HEAD + "machines = [ { kernel = \"2.6.37\" } ]\n");
    assertEquals("smpsim: " + k + ":3: machines[0].kernel: unknown kernel version '2.6.37'"
        + " (accepted: \"2.6.0\" to \"2.6.36\" (e.g. \"2.6.18\", \"2.6.19\", \"2.6.20\")"
        + " or 6.x (e.g. \"6.1\"))\n", refused(k).stderr());
    Path ok = write("kernel26.conf",
        HEAD + "machines = [ { kernel = \"2.6.18\", pmu = false } ]\n");
    assertEquals(0, Cli.run("run", ok.toString()).exit(), "a modelled version is accepted");
  }

  @Test
  void badValuesAreRefusedWithTheRuleTheyBreak() throws IOException {
    Path hz = write("hz.conf", HEAD + "machines = [ { hz = 123 } ]\n");
    assertEquals("smpsim: " + hz + ":3: machines[0].hz: must be one of 100, 250, 300, 1000"
        + " (CONFIG_HZ), got 123\n", refused(hz).stderr());

    Path unit = write("unit.conf", "seed = 1\nduration = 10\nmachines = [ {} ]\n");
    String err = refused(unit).stderr();
    assertTrue(err.contains(unit + ":2: duration: expected a duration with a unit"), err);

    Path on = write("on.conf", HEAD + "machines = [ { name = a }, { name = b } ]\n"
        + "timeline = [ { at = 1s, on = c, run = nproc } ]\n");
    assertEquals("smpsim: " + on + ":4: timeline[0].on: no machine named 'c'\n",
        refused(on).stderr());
  }

  @Test
  void aSyntaxErrorNamesTheLine() throws IOException {
    Path f = write("syntax.conf", HEAD + "machines = [ { cpus = 4 }\n");
    String err = refused(f).stderr();
    assertTrue(err.startsWith("smpsim: " + f + ":"), err);
  }

  @Test
  void badOptionsAreInvalidInput() {
    String err = refused("run", "scenarios/boot.conf", "--nodes", "0").stderr();
    assertTrue(err.contains("--nodes must be between 1 and 64"), err);
    err = refused("run", "scenarios/boot.conf", "--duration", "ten").stderr();
    assertTrue(err.contains("Invalid value for option '--duration': not a duration"), err);
  }
}
