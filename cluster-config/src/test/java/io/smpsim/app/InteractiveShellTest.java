package io.smpsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.run.InteractiveShell;
import io.smpsim.app.run.ShellSession;
import io.smpsim.app.run.Simulation;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioLoader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive shell, on a dumb terminal fed by a script. */
class InteractiveShellTest {

  @Test
  void runsTypedCommandsAndShowsTheirOutputAboveThePrompt() throws Exception {
    Typed t = type("scenarios/boot.conf", "nproc", "help", "advance 2s",
        "cat /sys/devices/system/cpu/online", "exit");
    String shown = t.screen();
    assertTrue(t.advancedNs() >= 2_000_000_000L, "advance moved time: " + shown);
    assertTrue(answered(shown, "8"), shown);
    assertTrue(answered(shown, "0-7"), shown);
    assertTrue(shown.contains("advance D (run D of simulated time)"), shown);
  }

  @Test
  void thePromptAfterOnNamesTheMachineItChose() throws Exception {
    String shown = type("scenarios/unknown-nmi.conf", "on m1", "nproc", "exit").screen();
    // A dumb terminal does not echo what is typed: the screen is the prompts and the outputs.
    assertTrue(java.util.regex.Pattern.compile("\\] m0:~# \\[ *\\d+\\.\\d{6}\\] m1:~# 8").matcher(shown).find(), "the prompt after `on m1` is drawn once it"
        + " ran, and names m1: " + shown);
  }

  @Test
  void thePromptShowsTheShellsWorkingDirectory() throws Exception {
    String shown = type("scenarios/boot.conf", "cd /proc/irq", "cd ..", "cd", "exit").screen();
    assertTrue(shown.contains("] m0:/proc/irq# ") && shown.contains("] m0:/proc# ")
        && shown.indexOf("] m0:~# ", shown.indexOf("m0:/proc# ")) > 0,
        "~ for /, the path after a cd: " + shown);
  }

  @Test
  void thePromptShowsTheSimulatedTimeAsDmesgStampsLines() throws Exception {
    String shown = type("scenarios/boot.conf", "advance 2500ms", "date", "exit").screen();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "\\[ *(\\d+)\\.(\\d{6})\\] m0:~# ").matcher(shown);
    List<Long> us = new java.util.ArrayList<>();
    while (m.find()) {
      us.add(Long.parseLong(m.group(1)) * 1_000_000 + Long.parseLong(m.group(2)));
    }
    assertEquals(3, us.size(), shown);
    assertEquals(2_500_000, us.get(1) - us.get(0), "advance 2500ms moved the prompt's clock");
    long sec = us.get(1) / 1_000_000;
    assertTrue(shown.contains(String.format("Thu Jan  1 00:00:%02d UTC 1970", sec)),
        "date agrees with the prompt (RTC at the epoch at power-on): " + shown);
  }

  @Test
  void ctrlCStopsALongAdvanceAndTheSessionGoesOn() throws Exception {
    Typed t = type("scenarios/boot.conf", (keyboard, terminal, session) -> {
      long before = session.now();
      keyboard.type("advance 100000h");
      // Ctrl-C once the advance runs (raised at the prompt, it would only drop the line).
      while (session.now() <= before) {
        Thread.sleep(10);
      }
      terminal.raise(Terminal.Signal.INT);
      keyboard.type("nproc");
      keyboard.type("exit");
    });
    String shown = t.screen();
    assertTrue(java.util.regex.Pattern.compile("\\^C advance: interrupted at \\d+\\.\\d{3} s,"
        + " \\d+\\.\\d{3} s of 100000h done").matcher(shown).find(), shown);
    assertTrue(t.advancedNs() < 100_000L * 3_600_000_000_000L, "stopped early: " + shown);
    assertTrue(answered(shown, "8"),
        "the session went on: " + shown);
  }

  @Test
  void theConsoleShowsKernelMessagesAndAMachineThatCannotAnswerSaysWhy() throws Exception {
    String shown = type("scenarios/boot.conf", "echo l > /proc/sysrq-trigger",
        "echo mem > /sys/power/state", "nproc", "exit").screen();
    assertTrue(shown.contains("] sysrq: Show backtrace of all active CPUs\n"), shown);
    assertTrue(java.util.regex.Pattern.compile("smpsim: m0 is suspended \\(deep\\) since"
        + " \\d+\\.\\d{3} s; inject wakeup, or advance past its wake alarm\n.*smpsim: m0 is"
        + " suspended", java.util.regex.Pattern.DOTALL).matcher(shown).find(), shown);
  }

  @Test
  void typedLinesAreKeptForTheNextSession(@TempDir Path dir) throws Exception {
    Path history = dir.resolve("history");
    type("scenarios/boot.conf", 0, history, (keyboard, terminal, session) -> {
      keyboard.type("nproc");
      keyboard.type("cat /proc/cmdline");
      keyboard.type("exit");
    });
    String kept = Files.readString(history);
    assertTrue(kept.contains("nproc") && kept.contains("cat /proc/cmdline"), kept);
  }

  @Test
  void aPaceTheSimulationCannotKeepUpWithStillAnswersWhatIsTyped() throws Exception {
    String shown = type("scenarios/boot.conf", 1e9, null, (keyboard, terminal, session) -> {
      long before = session.now();
      while (session.now() <= before) {
        Thread.sleep(10);
      }
      keyboard.type("nproc");
      keyboard.type("exit");
    }).screen();
    assertTrue(answered(shown, "8"), shown);
  }

  /**
   * Whether the shell printed {@code answer} at the end of a line: on a line of its own, after
   * a space, or right after the echo of what was typed when a kernel line printed above the
   * prompt cut that echo short ({@code m0:~# npr8} on a dumb terminal under load).
   */
  private static boolean answered(String screen, String answer) {
    return java.util.regex.Pattern.compile("(?m)(?:^|\\s|\\S+# \\S*)"
        + java.util.regex.Pattern.quote(answer) + "$").matcher(screen).find();
  }

  /** What a session showed, and how far simulated time went while it ran. */
  private record Typed(String screen, long advancedNs) {}

  /** Types lines at the shell's keyboard. */
  private interface Keyboard {
    void type(String line) throws java.io.IOException;
  }

  /** A typist that may wait for the session and press keys that send signals. */
  private interface Typist {
    void type(Keyboard keyboard, Terminal terminal, ShellSession session) throws Exception;
  }

  /** Boots a scenario, types {@code typed} at the shell: the screen as text, the time moved. */
  private static Typed type(String scenario, String... typed) throws Exception {
    return type(scenario, (keyboard, terminal, session) -> {
      for (String t : typed) {
        keyboard.type(t);
      }
    });
  }

  private static Typed type(String scenario, Typist typist) throws Exception {
    return type(scenario, 0, null, typist);
  }

  /**
   * Boots a scenario, lets {@code typist} type at a shell whose time flows at {@code speed}:
   * the screen, the time moved.
   */
  private static Typed type(String scenario, double speed, Path history, Typist typist)
      throws Exception {
    ScenarioLoader loader = new ScenarioLoader();
    Scenario sc = loader.load(GoldenLog.repoRoot().resolve(scenario), null, null);
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    // A pipe, not a byte array: JLine closes a reader whose input is at end of file at once.
    PipedOutputStream keyboard = new PipedOutputStream();
    PipedInputStream keys = new PipedInputStream(keyboard);
    Keyboard k = line -> {
      keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      keyboard.flush();
    };
    // The typist stays alive until the shell is done: a pipe whose writer thread has ended
    // reads as broken.
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<Throwable> failed =
        new java.util.concurrent.atomic.AtomicReference<>();
    long before;
    long after;
    try (Simulation sim = Simulation.start(sc, loader, 1);
        // A dumb terminal over the streams themselves: TerminalBuilder would put a pty between
        // them whose output a thread pumps to the screen, and closing it can drop the last
        // lines.
        Terminal terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, keys, screen,
            StandardCharsets.UTF_8)) {
      PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true,
          StandardCharsets.UTF_8);
      ShellSession session = new ShellSession(sim, false, 3_600_000_000_000L, sink, sink);
      session.boot();
      Thread t = new Thread(() -> {
        try {
          typist.type(k, terminal, session);
          done.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Exception | AssertionError e) {
          failed.set(e);
        }
      });
      before = session.now();
      t.start();
      new InteractiveShell(session, terminal, speed, history).run();
      done.countDown();
      t.join();
      keyboard.close();
      after = session.now();
    }
    if (failed.get() != null) {
      throw new AssertionError("the typist failed", failed.get());
    }
    // The dumb terminal draws each prompt, and may redraw the line being typed, before the
    // next command's output: an output is the end of a line.
    return new Typed(screen.toString(StandardCharsets.UTF_8)
        .replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").replace("\r", ""), after - before);
  }
}
