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

  private static Step ok(String cmd, String stdout) {
    return new Step(cmd, stdout, "", 0);
  }

  private static Step einval(String cmd) {
    return new Step(cmd, "", EINVAL, 1);
  }

  private static Step write(String value, String file) {
    return ok("echo '" + value + "' > " + K + file, "");
  }

  private static Step cat(String file, String value) {
    return ok("cat " + K + file, value + "\n");
  }

  private static List<Step> recording() {
    List<Step> s = new ArrayList<>();
    s.add(cat("watchdog", "1"));
    s.add(cat("nmi_watchdog", "1"));
    s.add(cat("soft_watchdog", "1"));
    s.add(cat("watchdog_thresh", "10"));
    s.add(cat("watchdog_cpumask", "0-7"));
    s.add(cat("hardlockup_panic", "0"));
    s.add(cat("softlockup_panic", "0"));
    s.add(cat("softlockup_all_cpu_backtrace", "0"));
    s.add(cat("hardlockup_all_cpu_backtrace", "0"));
    // watchdog_thresh writes
    for (String bad : List.of("61", "-1", "abc")) {
      s.add(einval("echo '" + bad + "' > " + K + "watchdog_thresh"));
      s.add(cat("watchdog_thresh", "10"));
    }
    for (String[] w : new String[][] {{"0", "0"}, {"5", "5"}, {"60", "60"}, {"10", "10"},
        {" 7", "7"}, {"8 ", "8"}}) {
      s.add(write(w[0], "watchdog_thresh"));
      s.add(cat("watchdog_thresh", w[1]));
    }
    for (String bad : List.of("1x", "2147483648", "")) {
      s.add(einval("echo '" + bad + "' > " + K + "watchdog_thresh"));
      s.add(cat("watchdog_thresh", "8"));
    }
    s.add(write("3 4", "watchdog_thresh"));
    s.add(cat("watchdog_thresh", "3"));
    s.add(ok("printf 9 > " + K + "watchdog_thresh", ""));
    s.add(cat("watchdog_thresh", "9"));
    s.add(write("10", "watchdog_thresh"));
    // nmi_watchdog: the recorded kernel refused every write (no PMU); here 0/1 are taken.
    s.add(write("0", "nmi_watchdog"));
    s.add(cat("nmi_watchdog", "0"));
    s.add(write("1", "nmi_watchdog"));
    s.add(cat("nmi_watchdog", "1"));
    s.add(einval("echo 2 > " + K + "nmi_watchdog"));
    s.add(einval("echo abc > " + K + "nmi_watchdog"));
    s.add(cat("nmi_watchdog", "1"));
    // soft_watchdog / watchdog
    s.add(write("0", "soft_watchdog"));
    s.add(cat("soft_watchdog", "0"));
    s.add(write("1", "soft_watchdog"));
    s.add(cat("soft_watchdog", "1"));
    for (String bad : List.of("2", "-1", "abc")) {
      s.add(einval("echo " + bad + " > " + K + "soft_watchdog"));
      s.add(cat("soft_watchdog", "1"));
    }
    String three = "cat " + K + "watchdog " + K + "nmi_watchdog " + K + "soft_watchdog";
    s.add(write("0", "watchdog"));
    s.add(write("1", "watchdog"));
    s.add(ok(three, "1\n1\n1\n"));
    // A read syncs the *_user_enabled values from what runs: after watchdog=0, all read 0
    // and stay 0 when watchdog goes back to 1.
    s.add(write("0", "watchdog"));
    s.add(ok(three, "0\n0\n0\n"));
    s.add(write("1", "watchdog"));
    s.add(ok(three, "0\n0\n0\n"));
    s.add(einval("echo 2 > " + K + "watchdog"));
    s.add(ok(three, "0\n0\n0\n"));
    s.add(write("1", "soft_watchdog"));
    s.add(ok(three, "0\n0\n0\n"));
    s.add(write("1", "watchdog"));
    s.add(ok(three, "0\n0\n0\n"));
    s.add(write("1", "soft_watchdog"));
    s.add(write("1", "watchdog"));
    s.add(ok(three, "1\n0\n1\n"));
    // watchdog_cpumask writes
    for (String[] w : new String[][] {{"0-3", "0-3"}, {"1", "1"}, {"0", "0"}, {"", ""},
        {"0-63", "0-7"}}) {
      s.add(write(w[0], "watchdog_cpumask"));
      s.add(cat("watchdog_cpumask", w[1]));
    }
    s.add(einval("echo 'abc' > " + K + "watchdog_cpumask"));
    s.add(cat("watchdog_cpumask", "0-7"));
    for (String[] w : new String[][] {{"99", "99"}, {"0-99", "0-7,64-99"}, {"64", "64"},
        {"8", ""}, {"7-8", "7"}}) {
      s.add(write(w[0], "watchdog_cpumask"));
      s.add(cat("watchdog_cpumask", w[1]));
    }
    s.add(einval("echo '3-1' > " + K + "watchdog_cpumask"));
    s.add(cat("watchdog_cpumask", "7"));
    s.add(write("1,3,5", "watchdog_cpumask"));
    s.add(cat("watchdog_cpumask", "1,3,5"));
    s.add(write("0-7", "watchdog_cpumask"));
    s.add(cat("watchdog_cpumask", "0-7"));
    // panic knobs
    s.add(write("1", "softlockup_panic"));
    s.add(cat("softlockup_panic", "1"));
    s.add(einval("echo 2 > " + K + "softlockup_panic"));
    s.add(einval("echo -1 > " + K + "softlockup_panic"));
    s.add(cat("softlockup_panic", "1"));
    s.add(write("0", "softlockup_panic"));
    s.add(write("1", "hardlockup_panic"));
    s.add(einval("echo 2 > " + K + "hardlockup_panic"));
    s.add(cat("hardlockup_panic", "1"));
    s.add(write("0", "hardlockup_panic"));
    s.add(cat("hardlockup_panic", "0"));
    // busybox sysctl
    s.add(new Step("sysctl -w kernel.watchdog_thresh=61", "",
        "sysctl: write error: Invalid argument\n", 1));
    s.add(ok("sysctl -w kernel.watchdog_thresh=5", "kernel.watchdog_thresh = 5\n"));
    s.add(ok("sysctl kernel.watchdog_thresh kernel/watchdog_cpumask",
        "kernel.watchdog_thresh = 5\nkernel.watchdog_cpumask = 0-7\n"));
    s.add(ok("sysctl -n kernel.watchdog_thresh", "5\n"));
    s.add(new Step("sysctl kernel.nope", "", "sysctl: error: 'kernel.nope' is an unknown key\n",
        1));
    s.add(new Step("echo 1 > " + K + "nope", "",
        "sh: can't create /proc/sys/kernel/nope: No such file or directory\n", 1));
    // The neighbouring knobs the recording reads, with the recorded kernel's values.
    s.add(cat("hung_task_panic", "0"));
    s.add(cat("hung_task_timeout_secs", "120"));
    s.add(cat("panic_on_rcu_stall", "0"));
    s.add(cat("perf_event_paranoid", "3"));
    s.add(cat("sysrq", "438"));
    String rcu = "/sys/module/rcupdate/parameters/";
    s.add(ok("cat " + rcu + "rcu_cpu_stall_timeout", "21\n"));
    s.add(ok("cat " + rcu + "rcu_cpu_stall_suppress", "0\n"));
    s.add(ok("cat " + rcu + "rcu_cpu_stall_ftrace_dump", "0\n"));
    s.add(einval("echo 2 > " + K + "hung_task_panic"));
    s.add(einval("echo -1 > " + K + "hung_task_timeout_secs"));
    return s;
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
