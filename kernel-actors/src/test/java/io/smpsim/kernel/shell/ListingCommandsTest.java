package io.smpsim.kernel.shell;

import static io.smpsim.kernel.testing.ShellScript.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * busybox ls and ps on the machine's procfs and sysfs, and pipelines into grep, as the shell
 * of the real-kernel recordings (busybox ash) prints them.
 */
class ListingCommandsTest {

  @Test
  void aCpuDirectoryListsTheDeviceEntriesAndOnlineOnlyForHotpluggableCpus() {
    List<String> r = run(4, "ls /sys/devices/system/cpu/cpu0", "ls /sys/devices/system/cpu/cpu1",
        "ls -l /sys/devices/system/cpu/cpu0/online", "ls /sys/devices/system/cpu/cpu4");
    // arch/x86/kernel/topology.c: the boot CPU is not hotpluggable, so it has no online file;
    // busybox fills 80 columns top to bottom, each as wide as the longest name plus 2.
    assertEquals("0:"
        + "cache             driver            node0             topology\n"
        + "crash_notes       firmware_node     power             uevent\n"
        + "crash_notes_size  hotplug           subsystem\n", r.get(0));
    assertEquals("0:"
        + "cache             driver            node0             subsystem\n"
        + "crash_notes       firmware_node     online            topology\n"
        + "crash_notes_size  hotplug           power             uevent\n", r.get(1));
    assertEquals("1:ls: /sys/devices/system/cpu/cpu0/online: No such file or directory\n",
        r.get(2));
    assertEquals("1:ls: /sys/devices/system/cpu/cpu4: No such file or directory\n", r.get(3));
  }

  @Test
  void longListingsPipeIntoGrep() {
    List<String> r = run(2, "ls -l /proc/sys/kernel/ | grep -E 'watchdog|lockup'",
        "ls -l /sys/devices/system/cpu/cpu1/online", "ls /proc/sys/kernel | grep -c thresh",
        "ls -l /proc/sys/kernel | grep nosuchfile");
    List<String> lines = r.get(0).substring(2).lines().toList();
    assertTrue(lines.contains(
        "-rw-r--r--    1 0        0                0 Jan  1 00:00 watchdog_thresh"), r.get(0));
    assertTrue(lines.stream().allMatch(l -> l.matches(".*(watchdog|lockup).*")), r.get(0));
    assertEquals(9, lines.size(), "kernel/watchdog.c's nine lockup-detector sysctls");
    // sysfs attributes are a page long (fs/sysfs/file.c), procfs files empty.
    assertEquals("0:-rw-r--r--    1 0        0             4096 Jan  1 00:00"
        + " /sys/devices/system/cpu/cpu1/online\n", r.get(1));
    // Into a pipe ls prints one name a line, so grep sees each.
    assertEquals("0:1\n", r.get(2));
    assertEquals("1:", r.get(3), "grep selected nothing: the pipeline's status is grep's");
  }

  @Test
  void psListsTheSmpbootThreadsOfEveryCpuAndNoWatchdogThreadsOnSix() {
    List<String> r = run(4, "ps | grep -E 'watchdog|migration' | grep -v grep", "ps");
    List<String> lines = r.get(0).substring(2).lines().toList();
    assertEquals(4, lines.size(), r.get(0));
    for (int cpu = 0; cpu < 4; cpu++) {
      assertTrue(lines.get(cpu).matches(" {2,4}\\d+ 0 {8}\\[migration/" + cpu + "]"),
          lines.get(cpu));
    }
    assertTrue(r.get(1).startsWith("0:PID   USER     COMMAND\n    1 0        init\n"), r.get(1));
    assertTrue(r.get(1).contains("[ksoftirqd/3]") && r.get(1).contains("[cpuhp/3]"));
  }

  @Test
  void unameNamesTheMachinesKernelBuild() {
    List<String> r = run(2, "uname -a", "uname -r", "uname");
    // kernel/utsname.c: UTS_RELEASE and UTS_VERSION of the build, the recordings' "(none)".
    assertEquals("0:Linux (none) 6.1.0-56-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2"
        + " (2026-11-16) x86_64 GNU/Linux\n", r.get(0));
    assertEquals("0:6.1.0-56-amd64\n", r.get(1));
    assertEquals("0:Linux\n", r.get(2));
  }

  @Test
  void aDirectoryNoSubsystemListsShowsWhatTheMachineHasThere() {
    List<String> r = run(2, "ls /proc | grep -E '^(loadavg|version|irq|sys|cpuinfo)$'",
        "ls -l /sys/power | grep -E ' (state|pm_wakeup_irq|suspend_stats)$'",
        "cat /sys/power/state", "ls /proc/nosuchdir", "ls -l /proc | grep ' irq$'",
        "ls -l /proc/sysrq-trigger");
    // Each name a file or directory the shell can read or enter.
    assertEquals("0:cpuinfo\nirq\nloadavg\nsys\nversion\n", r.get(0));
    List<String> power = r.get(1).substring(2).lines().toList();
    assertEquals(3, power.size(), r.get(1));
    assertTrue(power.get(0).startsWith("-r--r--r-- ") && power.get(0).endsWith(" pm_wakeup_irq"),
        power.get(0));
    assertTrue(power.get(1).startsWith("-rw-r--r-- ") && power.get(1).endsWith(" state"),
        power.get(1));
    assertTrue(power.get(2).startsWith("drwxr-xr-x ") && power.get(2).endsWith(" suspend_stats"),
        power.get(2));
    assertTrue(r.get(2).startsWith("0:freeze mem"), r.get(2));
    assertEquals("1:ls: /proc/nosuchdir: No such file or directory\n", r.get(3));
    // procfs directories are r-xr-xr-x.
    assertTrue(r.get(4).startsWith("0:dr-xr-xr-x "), r.get(4));
    // A file whose name starts like a directory's is still a file; this one is write-only.
    assertTrue(r.get(5).startsWith("0:--w------- ")
        && r.get(5).endsWith(" /proc/sysrq-trigger\n"), r.get(5));
  }

  @Test
  void lsOptionsAndSeveralOperandsAsBusyboxLaysThemOut() {
    List<String> r = run(4, "ls -1 /sys/power/suspend_stats", "ls -1a /sys/power/suspend_stats",
        "ls -la /proc/irq/0", "ls -d /sys/power /proc", "ls -1r /proc/irq/0",
        "ls -p /sys/devices/system/cpu/cpu1", "ls /sys/power/state /nope /proc/irq/0 /proc/irq/1",
        "ls -x /proc/irq", "ls -R /sys", "ls -1 /proc/irq/0");
    List<String> names = List.of(r.get(0).substring(2).split("\n"));
    assertEquals("0:.\n..\n" + r.get(0).substring(2), r.get(1), "-a adds . and ..");
    assertTrue(r.get(2).startsWith("0:total 0\ndr-xr-xr-x    2 0        0                0 Jan  1"
        + " 00:00 .\ndr-xr-xr-x    2 0        0                0 Jan  1 00:00 ..\n"), r.get(2));
    assertEquals("0:/proc       /sys/power\n", r.get(3), "-d: the directories themselves");
    List<String> forwards = new java.util.ArrayList<>(List.of(r.get(9).substring(2).split("\n")));
    java.util.Collections.reverse(forwards);
    assertEquals(forwards, List.of(r.get(4).substring(2).split("\n")), "-r");
    assertTrue(r.get(5).contains("hotplug/") && r.get(5).contains("online  ")
        && !r.get(5).contains("online/"), "-p marks directories: " + r.get(5));
    assertTrue(r.get(6).startsWith("1:/sys/power/state\n\n/proc/irq/0:\naffinity_hint ")
        && r.get(6).contains("\n\n/proc/irq/1:\naffinity_hint "),
        "the files, then each directory under its name: " + r.get(6));
    assertTrue(r.get(6).endsWith("ls: /nope: No such file or directory\n"), r.get(6));
    assertTrue(r.get(7).startsWith("0:0") && r.get(7).lines().findFirst().get()
        .matches("0:0 +1 +10"), "-x fills the rows first: " + r.get(7));
    assertEquals("1:ls: -R is not supported by smpsim's ls (it runs -1ACFadlprx)\n", r.get(8));
    assertTrue(names.size() > 5, r.get(0));
  }
}
