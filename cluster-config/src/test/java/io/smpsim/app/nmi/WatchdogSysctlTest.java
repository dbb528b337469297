package io.smpsim.app.nmi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smpsim.app.run.ScenarioRun;
import io.smpsim.app.run.ShellSession;
import io.smpsim.app.run.Simulation;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.sim.testing.SerializationErrors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lockup-detector sysctls, command by command as the real-kernel recording
 * e_watchdog_sysctl_smp8.txt exercised them, with busybox ash's and busybox sysctl's answers.
 * The recorded kernel had no PMU (its nmi_watchdog read 0 and refused writes with error 524);
 * smpsim's machines have one, which changes only the nmi_watchdog answers noted below.
 */
class WatchdogSysctlTest {

  private static final String K = "/proc/sys/kernel/";
  private static final String EINVAL = "sh: write error: Invalid argument\n";

  /** One command and what it must print. */
  record Step(String cmd, String stdout, String stderr, int exit) {}

  /** The recording's commands in order, each with what it must print. */
  private static final class Script {
    final List<Step> steps = new ArrayList<>();

    Script step(String cmd, String stdout, String stderr, int exit) {
      steps.add(new Step(cmd, stdout, stderr, exit));
      return this;
    }

    Script ok(String cmd, String stdout) {
      return step(cmd, stdout, "", 0);
    }

    Script einval(String cmd) {
      return step(cmd, "", EINVAL, 1);
    }

    /** {@code echo 'VALUE' > FILE}, taken. */
    Script write(String value, String file) {
      return ok("echo '" + value + "' > " + K + file, "");
    }

    /** {@code echo ARG > FILE} (ARG as typed, quotes and all), refused with EINVAL. */
    Script refused(String arg, String file) {
      return einval("echo " + arg + " > " + K + file);
    }

    Script cat(String file, String value) {
      return ok("cat " + K + file, value + "\n");
    }

    /** For each (value, read back) pair: the value is written, then the file reads back. */
    Script set(String file, String... valueThenReadBack) {
      for (int i = 0; i < valueThenReadBack.length; i += 2) {
        write(valueThenReadBack[i], file).cat(file, valueThenReadBack[i + 1]);
      }
      return this;
    }

    /** For each typed argument: it is refused, and the file still reads {@code stays}. */
    Script refusedEach(String file, String stays, String... args) {
      for (String arg : args) {
        refused(arg, file).cat(file, stays);
      }
      return this;
    }
  }

  private static List<Step> recording() {
    Script s = new Script();
    s.cat("watchdog", "1").cat("nmi_watchdog", "1").cat("soft_watchdog", "1")
        .cat("watchdog_thresh", "10").cat("watchdog_cpumask", "0-7")
        .cat("hardlockup_panic", "0").cat("softlockup_panic", "0")
        .cat("softlockup_all_cpu_backtrace", "0").cat("hardlockup_all_cpu_backtrace", "0");
    // watchdog_thresh writes
    s.refusedEach("watchdog_thresh", "10", "'61'", "'-1'", "'abc'");
    s.set("watchdog_thresh", "0", "0", "5", "5", "60", "60", "10", "10", " 7", "7", "8 ", "8");
    s.refusedEach("watchdog_thresh", "8", "'1x'", "'2147483648'", "''");
    s.set("watchdog_thresh", "3 4", "3");
    s.ok("printf 9 > " + K + "watchdog_thresh", "").cat("watchdog_thresh", "9");
    s.write("10", "watchdog_thresh");
    // nmi_watchdog: the recorded kernel refused every write (no PMU); here 0/1 are taken.
    s.set("nmi_watchdog", "0", "0", "1", "1");
    s.refused("2", "nmi_watchdog").refused("abc", "nmi_watchdog").cat("nmi_watchdog", "1");
    // soft_watchdog / watchdog
    s.set("soft_watchdog", "0", "0", "1", "1");
    s.refusedEach("soft_watchdog", "1", "2", "-1", "abc");
    String three = "cat " + K + "watchdog " + K + "nmi_watchdog " + K + "soft_watchdog";
    s.write("0", "watchdog").write("1", "watchdog").ok(three, "1\n1\n1\n");
    // A read syncs the *_user_enabled values from what runs: after watchdog=0, all read 0
    // and stay 0 when watchdog goes back to 1.
    s.write("0", "watchdog").ok(three, "0\n0\n0\n");
    s.write("1", "watchdog").ok(three, "0\n0\n0\n");
    s.refused("2", "watchdog").ok(three, "0\n0\n0\n");
    s.write("1", "soft_watchdog").ok(three, "0\n0\n0\n");
    s.write("1", "watchdog").ok(three, "0\n0\n0\n");
    s.write("1", "soft_watchdog").write("1", "watchdog").ok(three, "1\n0\n1\n");
    // watchdog_cpumask writes
    s.set("watchdog_cpumask", "0-3", "0-3", "1", "1", "0", "0", "", "", "0-63", "0-7");
    s.refusedEach("watchdog_cpumask", "0-7", "'abc'");
    s.set("watchdog_cpumask", "99", "99", "0-99", "0-7,64-99", "64", "64", "8", "", "7-8", "7");
    s.refusedEach("watchdog_cpumask", "7", "'3-1'");
    s.set("watchdog_cpumask", "1,3,5", "1,3,5", "0-7", "0-7");
    // panic knobs
    s.set("softlockup_panic", "1", "1");
    s.refused("2", "softlockup_panic").refused("-1", "softlockup_panic")
        .cat("softlockup_panic", "1");
    s.write("0", "softlockup_panic").write("1", "hardlockup_panic");
    s.refusedEach("hardlockup_panic", "1", "2");
    s.set("hardlockup_panic", "0", "0");
    // busybox sysctl
    s.step("sysctl -w kernel.watchdog_thresh=61", "", "sysctl: write error: Invalid argument\n",
        1);
    s.ok("sysctl -w kernel.watchdog_thresh=5", "kernel.watchdog_thresh = 5\n");
    s.ok("sysctl kernel.watchdog_thresh kernel/watchdog_cpumask",
        "kernel.watchdog_thresh = 5\nkernel.watchdog_cpumask = 0-7\n");
    s.ok("sysctl -n kernel.watchdog_thresh", "5\n");
    s.step("sysctl kernel.nope", "", "sysctl: error: 'kernel.nope' is an unknown key\n", 1);
    s.step("echo 1 > " + K + "nope", "",
        "sh: can't create /proc/sys/kernel/nope: nonexistent directory\n", 1);
    // The neighbouring knobs the recording reads, with the recorded kernel's values.
    s.cat("hung_task_panic", "0").cat("hung_task_timeout_secs", "120")
        .cat("panic_on_rcu_stall", "0").cat("perf_event_paranoid", "3").cat("sysrq", "438");
    String rcu = "/sys/module/rcupdate/parameters/";
    s.ok("cat " + rcu + "rcu_cpu_stall_timeout", "21\n");
    s.ok("cat " + rcu + "rcu_cpu_stall_suppress", "0\n");
    s.ok("cat " + rcu + "rcu_cpu_stall_ftrace_dump", "0\n");
    s.refused("2", "hung_task_panic").refused("-1", "hung_task_timeout_secs");
    return s.steps;
  }

  @Test
  void sysctlReadsWritesAndErrorsAreTheKernelsAndBusyboxs() throws Exception {
    ScenarioRun.watchSerialization();
    ScenarioLoader loader = new ScenarioLoader();
    Scenario sc = loader.load(ScenarioRun.scenario("boot.conf"), null, null);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    List<Step> steps = recording();
    List<String> expected = new ArrayList<>();
    List<String> actual = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (Simulation sim = Simulation.start(sc, loader, 1, ScenarioRun.SERIALIZE)) {
      ShellSession session = new ShellSession(sim, true, 60_000_000_000L, out, out);
      session.boot();
      for (Step st : steps) {
        buf.reset();
        session.execute(st.cmd());
        JsonNode n = json.readTree(buf.toString(StandardCharsets.UTF_8));
        expected.add(st.cmd() + " -> " + st.exit() + " [" + st.stdout() + "] [" + st.stderr()
            + "]");
        actual.add(st.cmd() + " -> " + n.get("exit").asInt() + " [" + n.get("stdout").asText()
            + "] [" + n.get("stderr").asText() + "]");
      }
    }
    SerializationErrors.assertNone();
    assertEquals(String.join("\n", expected), String.join("\n", actual));
  }
}
