package io.smpsim.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.kernel.linux.Linux;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Parser.ParseContext;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

/** What Tab offers at the shell's prompt, for the line typed so far. */
class ShellCompleterTest {

  private final ShellCompleter completer =
      new ShellCompleter(Linux.KERNEL.tables(), () -> List.of("m0", "m1"));

  private List<Candidate> complete(String typed) {
    List<Candidate> out = new ArrayList<>();
    completer.complete(null, new DefaultParser().parse(typed, typed.length(),
        ParseContext.COMPLETE), out);
    return out;
  }

  private List<String> values(String typed) {
    return complete(typed).stream().map(Candidate::value).toList();
  }

  @Test
  void theFirstWordIsAnyCommandTheSessionOrTheMachineRuns() {
    List<String> first = values("");
    for (String c : List.of("advance", "on", "help", "exit", "cat", "echo", "grep", "dmesg",
        "sysctl", "inject", "nproc", "tc", "ip")) {
      assertTrue(first.contains(c), c + " in " + first);
    }
    assertFalse(first.contains("inject resume-busywait"), "verbs come second");
  }

  @Test
  void theSecondWordIsARegisteredVerbOrAMachineAfterOn() {
    assertEquals(List.of("m0", "m1"), values("on "));
    assertTrue(values("inject ").contains("resume-busywait"), values("inject ").toString());
  }

  @Test
  void pathsCompleteOneComponentAtATime() {
    List<Candidate> proc = complete("cat /proc/s");
    List<String> names = proc.stream().map(Candidate::value).toList();
    assertTrue(names.containsAll(List.of("/proc/softirqs", "/proc/stat", "/proc/sysrq-trigger")),
        names.toString());
    assertTrue(proc.stream().allMatch(Candidate::complete), "files end the word");
    List<Candidate> sys = complete("echo mem > /sys/");
    Candidate power = sys.stream().filter(c -> c.value().equals("/sys/power/")).findFirst()
        .orElseThrow(() -> new AssertionError(sys.stream().map(Candidate::value).toList()));
    assertFalse(power.complete(), "a directory goes on");
    assertEquals("power/", power.displ());
    assertTrue(sys.stream().noneMatch(c -> c.value().startsWith("/sys/power/s")),
        "only the next component");
    assertTrue(values("echo mem > /sys/power/st").contains("/sys/power/state"));
  }
}
