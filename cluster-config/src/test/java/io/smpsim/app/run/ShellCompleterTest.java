package io.smpsim.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.core.Vfs;
import io.smpsim.kernel.linux.Linux;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Parser.ParseContext;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

/** What Tab offers at the shell's prompt, for the line typed so far. */
class ShellCompleterTest {

  /** A 4-CPU machine with a 4-queue NIC (IRQs 24-27), like scenarios/net-irq.conf's m0. */
  private static final MachineConfig M0 = new ScenarioLoader().load(String.join("\n",
      "seed = 1", "duration = 1s",
      "machines = [ { name = m0, cpus = 4, nics = [ { name = eth0, tx-queues = 4 } ] }",
      "  { name = m1, cpus = 2 } ]"), "test", null, null).machines().get(0);

  private final ShellCompleter completer =
      new ShellCompleter(Linux.KERNEL.tables(), () -> List.of("m0", "m1"), () -> M0);

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
        "sysctl", "inject", "nproc", "tc", "ip", "sync", "taskset")) {
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
    assertTrue(proc.stream().filter(c -> !c.value().equals("/proc/sys/"))
        .allMatch(Candidate::complete), "files end the word");
    assertTrue(names.contains("/proc/sys/"), "and /proc/sys goes on: " + names);
    List<Candidate> sys = complete("echo mem > /sys/");
    Candidate power = sys.stream().filter(c -> c.value().equals("/sys/power/")).findFirst()
        .orElseThrow(() -> new AssertionError(sys.stream().map(Candidate::value).toList()));
    assertFalse(power.complete(), "a directory goes on");
    assertEquals("power/", power.displ());
    assertTrue(sys.stream().noneMatch(c -> c.value().startsWith("/sys/power/s")),
        "only the next component");
    assertTrue(values("echo mem > /sys/power/st").contains("/sys/power/state"));
  }

  /** What busybox ls prints for {@code dir} on the test machine, one name per entry. */
  private static List<String> ls(String dir) {
    return new ArrayList<>(Vfs.listing(dir, Linux.KERNEL.tables(), M0).keySet());
  }

  /** The names Tab offers after {@code typed}, as shown (directories with their slash). */
  private List<String> shown(String typed) {
    return complete(typed).stream().map(c -> c.displ().replaceAll("/$", "")).toList();
  }

  @Test
  void perCpuDirectoriesCompleteToWhatLsShowsOnThisMachine() {
    List<String> cpus = values("echo 0 > /sys/devices/system/cpu/cpu");
    assertEquals(List.of("/sys/devices/system/cpu/cpu0/", "/sys/devices/system/cpu/cpu1/",
        "/sys/devices/system/cpu/cpu2/", "/sys/devices/system/cpu/cpu3/",
        "/sys/devices/system/cpu/cpufreq/", "/sys/devices/system/cpu/cpuidle/"), cpus,
        "one directory per CPU of m0 (4), nothing for CPUs it lacks");
    assertEquals(ls("/sys/devices/system/cpu"), shown("cat /sys/devices/system/cpu/"));
    assertEquals(ls("/sys/devices/system/cpu/cpu2"), shown("cat /sys/devices/system/cpu/cpu2/"));
    assertEquals(List.of("/sys/devices/system/cpu/cpu2/online"),
        values("echo 0 > /sys/devices/system/cpu/cpu2/on"));
    assertTrue(complete("echo 0 > /sys/devices/system/cpu/cpu2/on").get(0).complete(),
        "a file ends the word");
    assertEquals(List.of("fail", "state", "target"),
        shown("cat /sys/devices/system/cpu/cpu1/hotplug/"));
    assertTrue(values("cat /sys/devices/system/cpu/cpu0/on").isEmpty(),
        "the boot CPU has no online file, so Tab offers none");
  }

  @Test
  void irqAndSysctlDirectoriesCompleteFromTheirListings() {
    List<String> irqs = shown("cat /proc/irq/");
    assertEquals(ls("/proc/irq"), irqs);
    for (String irq : List.of("0", "8", "9", "15", "24", "27", "default_smp_affinity")) {
      assertTrue(irqs.contains(irq), irq + " in " + irqs);
    }
    assertFalse(irqs.contains("28"), "m0's NIC has 4 vectors, 24-27");
    assertEquals(List.of("/proc/irq/26/smp_affinity", "/proc/irq/26/smp_affinity_list"),
        values("cat /proc/irq/26/smp"));
    assertTrue(shown("cat /proc/irq/26/").contains("eth0-TxRx-2"), "the handler's directory");
    assertTrue(values("cat /proc/i").contains("/proc/irq/"), "reached from /proc");
    assertEquals(ls("/proc/sys/kernel"), shown("sysctl /proc/sys/kernel/"));
    assertTrue(values("cat /proc/sys/kernel/watchdog_t").contains(
        "/proc/sys/kernel/watchdog_thresh"));
    assertEquals(ls("/proc/sys"), shown("cat /proc/sys/"));
  }

  @Test
  void tcAndIpCompleteTheirObjectsCommandsKeywordsDevicesAndQdiscKinds() {
    assertEquals(List.of("qdisc", "class", "filter", "-s", "-d"), values("tc "));
    assertEquals(List.of("add", "del", "change", "replace", "show"), values("tc -s qdisc "));
    assertEquals(List.of("lo", "eth0"), values("tc qdisc add dev "),
        "the machine's devices after dev");
    assertTrue(values("tc qdisc add dev eth0 root ").containsAll(List.of("htb", "netem", "mq")));
    assertTrue(values("tc qdisc replace dev eth0 handle 1: ").contains("tbf"));
    assertEquals(List.of("link", "address", "neighbour", "-s"), values("ip "));
    assertEquals(List.of("add", "delete", "show"), values("ip a "));
    assertTrue(values("ip link set dev eth0 ").contains("address"));
  }
}
