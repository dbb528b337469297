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

  @Test
  void aWrongTypeNamesFileLineAndKey() throws IOException {
    Path f = write("wrong-type.conf", HEAD + "machines = [\n  {\n    cpus = eight\n  }\n]\n");
    Cli.Outcome o = Cli.run("run", f.toString());
    assertEquals(2, o.exit());
    assertEquals("smpsim: " + f + ":5: machines[0].cpus: expected an integer, got a string"
        + " (\"eight\")\n", o.stderr());
    assertEquals("", o.stdout());
  }

  @Test
  void anUnknownKeyNamesFileLineAndKey() throws IOException {
    Path f = write("unknown.conf", HEAD + "machines = [ { cpus = 4 } ]\nmachnies = []\n");
    Cli.Outcome o = Cli.run("run", f.toString());
    assertEquals(2, o.exit());
    assertTrue(o.stderr().startsWith("smpsim: " + f + ":4: machnies: unknown key (known keys: "),
        o.stderr());
  }

  @Test
  void anUnknownKeyInsideAMachineIsCaughtToo() throws IOException {
    Path f = write("unknown-machine-key.conf", HEAD + "machines = [\n { cpus = 4\n   cpuz = 2 }\n]\n");
    Cli.Outcome o = Cli.run("run", f.toString());
    assertEquals(2, o.exit());
    assertTrue(o.stderr().startsWith("smpsim: " + f + ":5: machines[0].cpuz: unknown key"),
        o.stderr());
  }

  @Test
  void aMissingFileIsInvalidInput() {
    Cli.Outcome o = Cli.run("run", dir.resolve("nope.conf").toString());
    assertEquals(2, o.exit());
    assertEquals("smpsim: " + dir.resolve("nope.conf") + ": no such file\n", o.stderr());
  }

  @Test
  void anUnmodelledKernelVersionIsRefusedWithTheAcceptedOnes() throws IOException {
    Path k = write("kernel.conf", HEAD + "machines = [ { kernel = \"2.6.37\" } ]\n");
    Cli.Outcome o = Cli.run("run", k.toString());
    assertEquals(2, o.exit());
    assertEquals("smpsim: " + k + ":3: machines[0].kernel: unknown kernel version '2.6.37'"
        + " (accepted: \"2.6.0\" to \"2.6.36\" (e.g. \"2.6.18\", \"2.6.19\", \"2.6.20\")"
        + " or 6.x (e.g. \"6.1\"))\n", o.stderr());
    Path ok = write("kernel26.conf",
        HEAD + "machines = [ { kernel = \"2.6.18\", pmu = false } ]\n");
    assertEquals(0, Cli.run("run", ok.toString()).exit(), "a modelled version is accepted");
  }

  @Test
  void badValuesAreRefusedWithTheRuleTheyBreak() throws IOException {
    Path hz = write("hz.conf", HEAD + "machines = [ { hz = 123 } ]\n");
    Cli.Outcome o = Cli.run("run", hz.toString());
    assertEquals(2, o.exit());
    assertEquals("smpsim: " + hz + ":3: machines[0].hz: must be one of 100, 250, 300, 1000"
        + " (CONFIG_HZ), got 123\n", o.stderr());

    Path unit = write("unit.conf", "seed = 1\nduration = 10\nmachines = [ {} ]\n");
    o = Cli.run("run", unit.toString());
    assertEquals(2, o.exit());
    assertTrue(o.stderr().contains(unit + ":2: duration: expected a duration with a unit"),
        o.stderr());

    Path on = write("on.conf", HEAD + "machines = [ { name = a }, { name = b } ]\n"
        + "timeline = [ { at = 1s, on = c, run = nproc } ]\n");
    o = Cli.run("run", on.toString());
    assertEquals(2, o.exit());
    assertEquals("smpsim: " + on + ":4: timeline[0].on: no machine named 'c'\n", o.stderr());
  }

  @Test
  void aSyntaxErrorNamesTheLine() throws IOException {
    Path f = write("syntax.conf", HEAD + "machines = [ { cpus = 4 }\n");
    Cli.Outcome o = Cli.run("run", f.toString());
    assertEquals(2, o.exit());
    assertTrue(o.stderr().startsWith("smpsim: " + f + ":"), o.stderr());
  }

  @Test
  void badOptionsAreInvalidInput() {
    Cli.Outcome o = Cli.run("run", "scenarios/boot.conf", "--nodes", "0");
    assertEquals(2, o.exit());
    assertTrue(o.stderr().contains("--nodes must be between 1 and 64"), o.stderr());
    o = Cli.run("run", "scenarios/boot.conf", "--duration", "ten");
    assertEquals(2, o.exit());
    assertTrue(o.stderr().contains("Invalid value for option '--duration': not a duration"),
        o.stderr());
  }
}
