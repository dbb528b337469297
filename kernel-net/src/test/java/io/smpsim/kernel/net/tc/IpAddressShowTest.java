package io.smpsim.kernel.net.tc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.kernel.net.core.SplitMixRandom;
import io.smpsim.kernel.net.dev.NetStack;
import org.junit.jupiter.api.Test;

/**
 * {@code ip address} and {@code ip -s link} read back what the namespace holds, in iproute2
 * 6.1's format (ip/ipaddress.c print_linkinfo, print_addrinfo, print_stats64).
 */
class IpAddressShowTest {

  private final NetShell shell = new NetShell(new NetStack(new SplitMixRandom(1), 2));

  private ShellResult run(String line) {
    return shell.exec(line, 0);
  }

  @Test
  void anAddedAddressShowsUnderItsDeviceAndCanBeDeleted() {
    assertEquals(0, run("ip link add d0 type dummy").exit());
    assertEquals(0, run("ip link set d0 up").exit());
    assertEquals(0, run("ip addr add 10.1.2.3/24 dev d0").exit());
    assertEquals(0, run("ip addr add 10.9.9.9 dev d0").exit());
    ShellResult r = run("ip addr show dev d0");
    assertEquals(0, r.exit(), r.stderr());
    String[] lines = r.stdout().split("\n");
    assertTrue(lines[0].matches("\\d+: d0: <BROADCAST,NOARP,UP,LOWER_UP> mtu \\d+ qdisc \\S+"
        + " state UNKNOWN group default( qlen \\d+)?"), lines[0]);
    assertEquals("    inet 10.1.2.3/24 scope global d0", lines[2]);
    assertEquals("       valid_lft forever preferred_lft forever", lines[3]);
    assertEquals("    inet 10.9.9.9/32 scope global d0", lines[4], "no length: a host address");
    assertEquals(r.stdout(), run("ip a s d0").stdout(), "abbreviations as iproute2 takes them");
    assertEquals("RTNETLINK answers: File exists\n",
        run("ip addr add 10.1.2.3/24 dev d0").stderr());
    assertEquals(0, run("ip addr del 10.1.2.3/24 dev d0").exit());
    assertEquals(2, run("ip addr del 10.1.2.3/24 dev d0").exit());
    assertTrue(!run("ip addr").stdout().contains("10.1.2.3"));
    assertEquals("Device \"nope\" does not exist.\n", run("ip addr show nope").stderr());
  }

  @Test
  void ipDashSPrintsTheLinkCountersInColumns() {
    assertEquals(0, run("ip link add d0 type dummy").exit());
    ShellResult r = run("ip -s link show d0");
    assertEquals(0, r.exit(), r.stderr());
    String[] lines = r.stdout().split("\n", -1);
    assertEquals("    RX:  bytes packets errors dropped  missed   mcast           ", lines[2]);
    assertEquals("             0       0      0       0       0       0 ", lines[3]);
    assertEquals("    TX:  bytes packets errors dropped carrier collsns           ", lines[4]);
    assertEquals("             0       0      0       0       0       0 ", lines[5]);
    assertEquals("Option \"-x\" is unknown, try \"ip -help\".\n", run("ip -x link").stderr());
    assertEquals(255, run("ip -j link").exit());
  }

  @Test
  void aLinkTakesTheAddressItIsGivenAndRefusesWhatTheKernelRefuses() {
    assertEquals(0, run("ip link add d0 type dummy").exit());
    String before = run("ip link show d0").stdout();
    assertEquals("\"zz:zz\" is invalid lladdr.\n",
        run("ip link set dev d0 address zz:zz").stderr());
    assertEquals("RTNETLINK answers: Invalid argument\n",
        run("ip link set dev d0 address 00:11").stderr(), "shorter than the device's 6 bytes");
    assertEquals("RTNETLINK answers: Cannot assign requested address\n",
        run("ip link set dev d0 address 01:00:5e:00:00:01 mtu 9000").stderr(), "multicast");
    assertEquals(before, run("ip link show d0").stdout(), "nothing of a refused set applied");
    assertEquals("RTNETLINK answers: Operation not supported\n",
        run("ip link set dev lo address 00:11:22:33:44:55").stderr());
    assertEquals(0, run("ip link set dev d0 address 0:1A:2b:3:44:55").exit());
    assertTrue(run("ip link show d0").stdout().contains(
        "    link/ether 00:1a:2b:03:44:55 brd ff:ff:ff:ff:ff:ff\n"));
  }
}
