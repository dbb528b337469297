package io.smpsim.app;

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
import java.nio.file.Path;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

/** The interactive shell, on a dumb terminal fed by a script. */
class InteractiveShellTest {

  @Test
  void runsTypedCommandsAndShowsTheirOutputAboveThePrompt() throws Exception {
    Typed t = type("scenarios/boot.conf", "nproc", "help", "advance 2s",
        "cat /sys/devices/system/cpu/online", "exit");
    String shown = t.screen();
    assertTrue(t.advancedNs() >= 2_000_000_000L, "advance moved time: " + shown);
    assertTrue(java.util.regex.Pattern.compile("(?m)\\s8$").matcher(shown).find(), shown);
    assertTrue(java.util.regex.Pattern.compile("(?m)\\s0-7$").matcher(shown).find(), shown);
    assertTrue(shown.contains("advance D (run D of simulated time)"), shown);
  }

  @Test
  void thePromptAfterOnNamesTheMachineItChose() throws Exception {
    String shown = type("scenarios/unknown-nmi.conf", "on m1", "nproc", "exit").screen();
    // A dumb terminal does not echo what is typed: the screen is the prompts and the outputs.
    assertTrue(shown.contains("m0:~# m1:~# 8"), "the prompt after `on m1` is drawn once it"
        + " ran, and names m1: " + shown);
  }

  /** What a session showed, and how far simulated time went while it ran. */
  private record Typed(String screen, long advancedNs) {}

  /** Boots a scenario, types {@code typed} at the shell: the screen as text, the time moved. */
  private static Typed type(String scenario, String... typed) throws Exception {
    ScenarioLoader loader = new ScenarioLoader();
    Scenario sc = loader.load(GoldenLog.repoRoot().resolve(scenario), null, null);
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    // A pipe, not a byte array: JLine closes a reader whose input is at end of file at once.
    PipedOutputStream keyboard = new PipedOutputStream();
    PipedInputStream keys = new PipedInputStream(keyboard);
    // The typist stays alive until the shell is done: a pipe whose writer thread has ended
    // reads as broken.
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    Thread typist = new Thread(() -> {
      try {
        for (String t : typed) {
          keyboard.write((t + "\n").getBytes(StandardCharsets.UTF_8));
          keyboard.flush();
        }
        done.await();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    long before;
    long after;
    try (Simulation sim = Simulation.start(sc, loader, 1);
        // A dumb terminal over the streams themselves: TerminalBuilder would put a pty between
        // them whose output a thread pumps to the screen, and closing it can drop the last
        // lines.
        Terminal terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, keys, screen,
            StandardCharsets.UTF_8)) {
      typist.start();
      PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true,
          StandardCharsets.UTF_8);
      ShellSession session = new ShellSession(sim, false, 3_600_000_000_000L, sink, sink);
      session.boot();
      before = session.now();
      new InteractiveShell(session, terminal, 0).run();
      done.countDown();
      typist.join();
      keyboard.close();
      after = session.now();
    }
    // The dumb terminal draws each prompt, and may redraw the line being typed, before the
    // next command's output: an output is the end of a line.
    return new Typed(screen.toString(StandardCharsets.UTF_8)
        .replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").replace("\r", ""), after - before);
  }
}
