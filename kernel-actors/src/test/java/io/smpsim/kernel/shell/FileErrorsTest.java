package io.smpsim.kernel.shell;

import static io.smpsim.kernel.testing.ShellScript.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the shell and the applets say about directories read as files and files that cannot be
 * written, as busybox 1.35 said it on a Linux kernel for the same procfs and sysfs paths:
 * read(2) of a directory is EISDIR; writing a read-only procfs file is EIO (root may open it),
 * a read-only sysctl or sysfs attribute refuses the open (EACCES); creating a file is EACCES
 * in sysfs and ENOENT in procfs, which ash calls "nonexistent directory".
 */
class FileErrorsTest {

  @Test
  void aDirectoryReadAsAFile() {
    List<String> r = run(2, "cat /sys/power", "cat /proc/version /proc/irq", "head /proc/irq",
        "tail /proc/irq", "wc -l /sys/power", "grep -c x /proc/irq", "grep x /proc",
        "cut -f1 /proc/irq", "sort /proc/irq", "uniq /proc/irq");
    assertEquals("1:cat: read error: Is a directory\n", r.get(0));
    assertTrue(r.get(1).startsWith("1:Linux version ")
        && r.get(1).endsWith("\ncat: read error: Is a directory\n"), r.get(1));
    assertEquals("1:head: /proc/irq: Input/output error\n", r.get(2));
    assertEquals("1:tail: read error: Is a directory\n", r.get(3));
    assertEquals("1:0 /sys/power\nwc: /sys/power: Is a directory\n", r.get(4));
    assertEquals("1:0\n", r.get(5), "grep reads nothing there and says nothing");
    assertEquals("1:", r.get(6));
    assertEquals("0:", r.get(7));
    assertEquals("0:", r.get(8));
    assertEquals("1:uniq: /proc/irq: I/O error\n", r.get(9));
  }

  @Test
  void writesThatTheKernelRefuses() {
    List<String> r = run(2, "echo x > /proc/version", "echo -n > /proc/loadavg",
        "echo 5 > /proc/sys/kernel", "echo 5 > /proc/sys/kernel/nope", "echo 5 > /proc/nope",
        "echo 5 > /sys/nope", "echo 5 > /sys/power/nope", "echo 5 > /sys/power/pm_wakeup_irq",
        "echo 5 > /sys/x/y");
    assertEquals("1:sh: write error: Input/output error\n", r.get(0));
    assertEquals("0:", r.get(1), "opened, nothing written");
    assertEquals("1:sh: can't create /proc/sys/kernel: Is a directory\n", r.get(2));
    assertEquals("1:sh: can't create /proc/sys/kernel/nope: nonexistent directory\n", r.get(3));
    assertEquals("1:sh: can't create /proc/nope: nonexistent directory\n", r.get(4));
    assertEquals("1:sh: can't create /sys/nope: Permission denied\n", r.get(5));
    assertEquals("1:sh: can't create /sys/power/nope: Permission denied\n", r.get(6));
    assertEquals("1:sh: can't create /sys/power/pm_wakeup_irq: Permission denied\n", r.get(7));
    assertEquals("1:sh: can't create /sys/x/y: nonexistent directory\n", r.get(8));
  }
}
