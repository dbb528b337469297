package io.smpsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad command-line options are found before any simulation starts — exit 2 and one line naming
 * the option and the reason, or exit 3 for a cluster that cannot be reached — and exit 1 means
 * a bug in smpsim, says so, and leaves its stack trace in a file rather than on the screen.
 */
class BadOptionsTest {

  private static final String BOOT = GoldenLog.repoRoot().resolve("scenarios/boot.conf")
      .toString();

  @TempDir
  Path dir;

  private static void assertInvalid(Cli.Outcome o, String expectedStart) {
    assertEquals(2, o.exit(), o.stderr());
    assertEquals("", o.stdout(), "nothing ran");
    assertTrue(o.stderr().startsWith("smpsim: " + expectedStart), o.stderr());
    HostileInput.assertNoJavaText(o.stderr());
  }

  @Test
  void anOutThatCannotHoldTheRunsFilesIsRefusedBeforeTheRun() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertInvalid(Cli.run("run", BOOT, "--out", file.toString()),
        "--out " + file + ": exists and is not a directory\n");
    assertInvalid(Cli.run("run", BOOT, "--out", "/dev/null/x"),
        "--out /dev/null/x: /dev/null is not a directory\n");
    assertInvalid(Cli.run("run", BOOT, "--out", file + "/sub"),
        "--out " + file + "/sub: " + file + " is not a directory\n");
    assertInvalid(Cli.run("run", BOOT, "--out", "/proc/x"),
        "--out /proc/x: cannot create the directory (");
    assertInvalid(Cli.run("run", BOOT, "--checkpoint-every", "100ms", "--checkpoint-dir",
        file.toString()), "--checkpoint-dir " + file + ": exists and is not a directory\n");
  }

  @Test
  void anOutDirectoryInUseIsRefusedUnlessForcedAndForceReplacesOnlyARunsFiles()
      throws IOException {
    Path out = dir.resolve("out");
    assertEquals(0, Cli.run("run", BOOT, "--duration", "100ms", "--out", out.toString()).exit());
    Files.writeString(out.resolve("notes.txt"), "mine");
    Files.writeString(out.resolve("dmesg-old.log"), "an earlier run's machine");
    assertInvalid(Cli.run("run", BOOT, "--duration", "200ms", "--out", out.toString()),
        "--out " + out + ": not empty (cpu-interrupts.csv, cpu-states.csv, dmesg-m0.log, ...): give a"
            + " new"
            + " or empty directory, or --force to write over an earlier run's files there\n");
    assertTrue(Files.exists(out.resolve("report.html")), "every run under --out has its report");

    Cli.Outcome forced = Cli.run("run", BOOT, "--duration", "200ms", "--out", out.toString(),
        "--force");
    assertEquals(0, forced.exit(), forced.stderr());
    String summary = Files.readString(out.resolve("summary.json"));
    assertTrue(summary.replace(" ", "").contains("\"simulatedNs\":200000000"), summary);
    assertEquals("mine", Files.readString(out.resolve("notes.txt")));
    assertTrue(Files.notExists(out.resolve("dmesg-old.log")), "the earlier run's files went");
  }

  @Test
  void aMetricsPortInUseIsRefused() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      assertInvalid(Cli.run("run", BOOT, "--duration", "100ms", "--metrics-port",
          String.valueOf(port)), "--metrics-port " + port + ": cannot listen on 127.0.0.1:" + port
          + " (");
    }
  }

  @Test
  void aNodePortInUseAndADirectoryForAScenarioAreRefused() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      assertInvalid(Cli.run("node", "--port", String.valueOf(port)), "cannot listen on"
          + " 127.0.0.1:" + port + " (");
    }
    assertInvalid(Cli.run("run", dir.toString()), dir + ": is a directory, not a scenario"
        + " file\n");
    assertInvalid(Cli.run("run", "/dev/zero"), "/dev/zero: more than 16777216 bytes; a scenario"
        + " file is a few KB of text\n");
    Path deep = Files.writeString(dir.resolve("deep.conf"),
        "a = " + "{b = ".repeat(3000) + "1" + "}".repeat(3000) + "\n");
    assertInvalid(Cli.run("run", BOOT, "--config", deep.toString()), deep + " (--config):1:"
        + " nested more than 64 objects or lists deep\n");
  }

  @Test
  void aClusterWithNothingListeningIsReportedWithinSeconds() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    long start = System.nanoTime();
    Cli.Outcome o = Cli.run("run", BOOT, "--cluster", "127.0.0.1:" + port);
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertEquals(3, o.exit(), o.stderr());
    assertEquals("smpsim: no cluster reachable: tried 127.0.0.1:" + port + " (connection"
        + " refused); start a worker there with `smpsim node`, or check --cluster\n",
        o.stderr());
    assertTrue(seconds < 15, "took " + seconds + " s");
  }

  @Test
  void aNodeWhoseSeedNodesAreNotThereSaysSoInsteadOfWaitingForTheJoinTimeout()
      throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    Cli.Outcome o = Cli.run("node", "--port", "0", "--seed-nodes", "127.0.0.1:" + port);
    assertEquals(3, o.exit(), o.stderr());
    assertEquals("smpsim: no cluster reachable: tried 127.0.0.1:" + port + " (connection"
        + " refused) for 10 s; start the first node there (smpsim node --port P), or check"
        + " --seed-nodes\n", o.stderr());
  }

  @Test
  void badOptionValuesGetOneLineAndAPointerToHelp() {
    Cli.Outcome timeout = Cli.runWithInput("nproc\n", "shell", BOOT, "--command-timeout", "xyz");
    assertInvalid(timeout, "Invalid value for option '--command-timeout': not a duration:"
        + " \"xyz\" (a number and a unit: ns, us, ms, s, m, h or d)\n");
    assertTrue(timeout.stderr().endsWith("Try 'smpsim shell --help' for more information.\n"),
        timeout.stderr());
    assertEquals(2, timeout.stderr().lines().count(), "no usage dump: " + timeout.stderr());

    assertInvalid(Cli.run("run", BOOT, "--duration", "10000000h"),
        "Invalid value for option '--duration': out of range: 10000000h is longer than 1000000h");
    // The option is what to fix, not the scenario file's duration line.
    assertInvalid(Cli.run("run", BOOT, "--duration", "0s"),
        "--duration must be positive, got 0ns");
    assertInvalid(Cli.run("run", BOOT, "--seed", "1e30"),
        "Invalid value for option '--seed': '1e30' is not a long");
    assertInvalid(Cli.run("run", BOOT, "--nodes", "0"), "--nodes must be between 1 and 64");
    assertInvalid(Cli.run("run", BOOT, "--checkpoint-every", "-1s", "--checkpoint-dir",
        dir.resolve("c").toString()), "Invalid value for option '--checkpoint-every': must not"
        + " be negative");
    assertInvalid(Cli.runWithInput("", "shell", BOOT, "--speed", "NaN"),
        "--speed must be a number of at least 0, got NaN");

    Cli.Outcome typo = Cli.run("rnu", BOOT);
    assertEquals(2, typo.exit());
    assertEquals("smpsim: unknown command 'rnu'\nDid you mean: smpsim run?\n"
        + "Try 'smpsim --help' for more information.\n", typo.stderr());
    Cli.Outcome option = Cli.run("run", BOOT, "--ot", "x");
    assertEquals(2, option.exit());
    assertTrue(option.stderr().startsWith("smpsim: Unknown options: '--ot', 'x'\n"),
        option.stderr());
    assertTrue(option.stderr().contains("Did you mean: --out?"), option.stderr());
  }

  @Test
  void anAbsurdDurationSaysWhatItWouldCostAndIsRefused() throws IOException {
    Path huge = Files.writeString(dir.resolve("huge.conf"),
        "seed = 1\nduration = 1000000h\nmachines = [ { cpus = 8 } ]\n");
    Cli.Outcome o = Cli.run("run", huge.toString());
    assertInvalid(o, huge + ": duration = 1000000h: 1000000 h of simulated time on 8 CPUs: at"
        + " least 5.8e+10 events, an estimated 7 days of wall time; runs estimated above 24 h"
        + " are refused: shorten it (--duration), or pass --allow-long-run\n");
  }

  @Test
  void aShortenedDurationWarnsOfTheTimelineEntriesItLeavesOut() throws IOException {
    Path sc = Files.writeString(dir.resolve("late.conf"), "seed = 1\nduration = 1s\n"
        + "machines = [ { cpus = 2 } ]\ntimeline = [ { at = 500ms, run = nproc } ]\n");
    Cli.Outcome o = Cli.run("run", sc.toString(), "--duration", "100ms");
    assertEquals(0, o.exit(), o.stderr());
    assertTrue(o.stderr().startsWith("smpsim: warning: 1 timeline entry is at or after the end of"
        + " the run (100ms) and will not run (the first: " + sc + ":4, at 500ms)\n"),
        o.stderr());
  }

  @Test
  void aBugInSmpsimSaysSoAndLeavesItsTraceInAFile() throws IOException {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    String old = System.getProperty("smpsim.crash.dir");
    System.setProperty("smpsim.crash.dir", dir.toString());
    int code;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      code = Main.guard(() -> {
        Object nothing = null;
        return nothing.hashCode();
      });
    } finally {
      System.setErr(err);
      if (old == null) {
        System.clearProperty("smpsim.crash.dir");
      } else {
        System.setProperty("smpsim.crash.dir", old);
      }
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    assertEquals(1, code);
    Matcher m = Pattern.compile("^smpsim: internal error: this is a bug in smpsim, not a problem"
        + " with your input; please report it with the details in (\\S+\\.log)\n$").matcher(text);
    assertTrue(m.matches(), text);
    HostileInput.assertNoJavaText(text);
    String log = Files.readString(Path.of(m.group(1)));
    assertTrue(log.contains("java.lang.NullPointerException"), log);
    assertTrue(log.contains("at io.smpsim.app.BadOptionsTest"), log);
  }
}
