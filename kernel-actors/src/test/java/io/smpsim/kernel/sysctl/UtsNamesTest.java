package io.smpsim.kernel.sysctl;

import static io.smpsim.kernel.testing.ShellScript.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The UTS names of /proc/sys/kernel (kernel/utsname_sysctl.c) and busybox's hostname: the
 * build's ostype, osrelease and version, read-only even to root (messages as busybox 1.35 gave
 * them on a Linux kernel), hostname and domainname "(none)" until root sets them, and uname
 * reading the host name set.
 */
class UtsNamesTest {

  @Test
  void theBuildsNamesAndAHostNameRootSets() {
    List<String> r = run(2, "cat /proc/sys/kernel/ostype /proc/sys/kernel/osrelease",
        "hostname", "hostname node1.lab", "hostname; hostname -s; uname -n",
        "echo dom > /proc/sys/kernel/domainname; cat /proc/sys/kernel/domainname",
        "echo x > /proc/sys/kernel/ostype", "sysctl -w kernel.ostype=x",
        "ls -l /proc/sys/kernel/ostype", "echo box > /proc/sys/kernel/hostname; uname -a",
        "hostname -f");
    assertEquals("0:Linux\n6.1.0-56-amd64\n", r.get(0));
    assertEquals("0:(none)\n", r.get(1));
    assertEquals("0:", r.get(2));
    assertEquals("0:node1.lab\nnode1\nnode1.lab\n", r.get(3));
    assertEquals("0:dom\n", r.get(4));
    assertEquals("1:sh: can't create /proc/sys/kernel/ostype: Permission denied\n", r.get(5));
    assertEquals("1:sysctl: error setting key 'kernel.ostype': Permission denied\n", r.get(6));
    assertTrue(r.get(7).startsWith("0:-r--r--r--"), r.get(7));
    assertTrue(r.get(8).startsWith("0:Linux box 6.1.0-56-amd64 #1 SMP"), r.get(8));
    assertTrue(r.get(9).startsWith("1:hostname: -f is not supported"), r.get(9));
  }
}
