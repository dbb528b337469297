package io.smpsim.app.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smpsim.app.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smpsim fidelity}: JSON on stdout, bad input named on stderr with exit 2. */
class FidelityCommandTest {

  private static final String RECORDING = String.join("\n",
      "+0004.757| @@INIT_START",
      "+0004.846| @@UPTIME_AT_INIT 2.40 9.01",
      "+0004.865| @@CPUS online=0-1 possible=0-1 present=0-1 nproc=2",
      "+0004.867| $ cat /sys/devices/system/cpu/online",
      "+0004.872| 0-1",
      "+0004.873| [rc=0]",
      "+0004.919| @@DMESG_BEGIN",
      "+0004.920| [    0.551284] smp: Bringing up secondary CPUs ...",
      "+0004.921| [    1.132478] smp: Brought up 1 node, 2 CPUs",
      "+0004.994| @@DMESG_END", "");

  @Test
  void aRecordingWithoutAScenarioIsReplayedByADerivedOneAndScoredAsJson(@TempDir Path dir)
      throws Exception {
    Path rec = dir.resolve("boot2.txt");
    Files.writeString(rec, RECORDING, StandardCharsets.UTF_8);
    Cli.Outcome o = Cli.run("fidelity", rec.toString());
    assertEquals(0, o.exit(), o.stderr());
    JsonNode j = new ObjectMapper().readTree(o.stdout());
    assertEquals("boot2", j.get("recording").asText());
    assertEquals(4, j.get("keyLines").asInt());
    assertEquals(4, j.get("matched").asInt(), o.stdout());
    assertEquals(100.0, j.get("percent").asDouble());
    assertEquals(0, j.get("unmatched").size());
    Cli.Outcome all = Cli.run("fidelity", "--all", "--dir", dir.toString());
    assertEquals(0, all.exit(), all.stderr());
    JsonNode total = new ObjectMapper().readTree(all.stdout());
    assertEquals(1, total.get("recordings").size());
    assertEquals(4, total.get("matched").asInt());
  }

  @Test
  void repeatsOfARecordingScoreTheKernelAgainstItselfAndSmpsimOnWhatTheyReproduced(
      @TempDir Path dir) throws Exception {
    Path rec = dir.resolve("boot2.txt");
    Files.writeString(rec, RECORDING, StandardCharsets.UTF_8);
    // Another boot of the same experiment that brought up one CPU only.
    Files.createDirectories(dir.resolve("repeats"));
    Path other = dir.resolve("repeats/boot2_r1.txt");
    Files.writeString(other, RECORDING.replace("2 CPUs", "1 CPU").replace("0-1\n", "0\n"),
        StandardCharsets.UTF_8);
    Cli.Outcome o = Cli.run("fidelity", rec.toString(), "--repeat", other.toString(),
        "--repeat", rec.toString());
    assertEquals(0, o.exit(), o.stderr());
    JsonNode j = new ObjectMapper().readTree(o.stdout());
    assertEquals(4, j.get("matched").asInt(), o.stdout());
    assertEquals("boot2_r1", j.get("repeats").get(0).get("recording").asText());
    assertEquals(2, j.get("repeats").get(0).get("matched").asInt(), o.stdout());
    assertEquals(100.0, j.get("repeats").get(1).get("percent").asDouble());
    JsonNode stable = j.get("reproducible");
    assertEquals(2, stable.get("keyLines").asInt(), o.stdout());
    assertEquals(2, stable.get("matched").asInt());
    assertEquals(0, stable.get("unmatched").size());
    Cli.Outcome all = Cli.run("fidelity", "--all", "--dir", dir.toString());
    assertEquals(0, all.exit(), all.stderr());
    JsonNode total = new ObjectMapper().readTree(all.stdout());
    assertEquals(1, total.get("recordings").size());
    assertEquals(2, total.get("reproducible").get("keyLines").asInt(), all.stdout());
    assertEquals(2, Cli.run("fidelity", "--all", "--dir", dir.toString(), "--repeat",
        other.toString()).exit());
    assertEquals(2, Cli.run("fidelity", rec.toString(), "--repeat",
        dir.resolve("nope.txt").toString()).exit());
  }

  @Test
  void badInputIsNamedAndExitsTwo(@TempDir Path dir) throws Exception {
    Cli.Outcome missing = Cli.run("fidelity", dir.resolve("nope.txt").toString());
    assertEquals(2, missing.exit());
    assertTrue(missing.stderr().contains("nope.txt: no such recording"), missing.stderr());
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "hello\n", StandardCharsets.UTF_8);
    Cli.Outcome notRecording = Cli.run("fidelity", text.toString());
    assertEquals(2, notRecording.exit());
    assertTrue(notRecording.stderr().contains("not a recording"), notRecording.stderr());
    assertEquals(2, Cli.run("fidelity").exit());
    assertEquals(2, Cli.run("fidelity", "--all", text.toString()).exit());
    Cli.Outcome empty = Cli.run("fidelity", "--all", "--dir", dir.resolve("none").toString());
    assertEquals(2, empty.exit());
    assertTrue(empty.stderr().contains("not a directory"), empty.stderr());
  }
}
