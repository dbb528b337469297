package io.smpsim.kernel.net.tc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.kernel.net.core.SplitMixRandom;
import io.smpsim.kernel.net.dev.NetStack;
import org.junit.jupiter.api.Test;

/**
 * {@code dev NAME} naming no device: tc_qdisc.c, tc_class.c and tc_filter.c all answer with
 * nodev() ({@code Cannot find device "NAME"}, exit 1) before anything reaches the kernel; every
 * one of them copies the name into a {@code char d[IFNAMSIZ]} (strncpy of IFNAMSIZ - 1), so the
 * name looked up is cut to fifteen characters, and all but tc_qdisc_list() refuse a second
 * {@code dev} (duparg()).
 */
class TcDeviceLookupTest {

  private final NetShell shell = new NetShell(new NetStack(new SplitMixRandom(1), 2));

  private void noDevice(String line, String name) {
    ShellResult r = shell.exec(line, 0);
    assertEquals(1, r.exit(), line);
    assertEquals("Cannot find device \"" + name + "\"\n", r.stderr(), line);
    assertEquals("", r.stdout(), line);
  }

  @Test
  void everyTcObjectRefusesAnUnknownDeviceAlike() {
    noDevice("tc qdisc add dev nosuch root pfifo", "nosuch");
    noDevice("tc qdisc show dev nosuch", "nosuch");
    noDevice("tc class add dev nosuch parent 1: classid 1:1 htb rate 1mbit", "nosuch");
    noDevice("tc class show dev nosuch", "nosuch");
    noDevice("tc filter add dev nosuch ingress protocol ip prio 1 matchall action drop",
        "nosuch");
    noDevice("tc filter show dev nosuch", "nosuch");
  }

  @Test
  void everyCommandLooksUpTheNameCutToFifteenCharacters() {
    noDevice("tc qdisc add dev abcdefghijklmnopq root pfifo", "abcdefghijklmno");
    noDevice("tc qdisc show dev abcdefghijklmnopq", "abcdefghijklmno");
    noDevice("tc class add dev abcdefghijklmnopq parent 1: classid 1:1 htb rate 1mbit",
        "abcdefghijklmno");
    noDevice("tc class show dev abcdefghijklmnopq", "abcdefghijklmno");
    noDevice("tc filter add dev abcdefghijklmnopq ingress protocol ip prio 1 matchall"
        + " action drop", "abcdefghijklmno");
    noDevice("tc filter show dev abcdefghijklmnopq", "abcdefghijklmno");
  }

  @Test
  void aSecondDevIsRefusedExceptByQdiscShow() {
    for (String line : new String[] {
        "tc class show dev eth0 dev eth1",
        "tc filter show dev eth0 dev eth1",
        "tc filter add dev eth0 dev eth1 ingress protocol ip prio 1 matchall action drop"}) {
      ShellResult r = shell.exec(line, 0);
      assertEquals(255, r.exit(), line);
      assertEquals("Error: duplicate \"dev\": \"eth1\" is the second value.\n", r.stderr(),
          line);
    }
    // tc_qdisc_list() keeps the last one (the first names no device here).
    NetStack stack = new NetStack(new SplitMixRandom(1), 2);
    stack.addNic("eth0", 1, 1, 1000);
    NetShell withNic = new NetShell(stack);
    assertEquals(0, withNic.exec("tc qdisc add dev eth0 root handle 1: pfifo", 0).exit());
    ShellResult r = withNic.exec("tc qdisc show dev nosuch dev eth0", 0);
    assertEquals(0, r.exit(), r.stderr());
    // (With a device given, print_qdisc() leaves the "dev" out.)
    assertEquals("qdisc pfifo 1: root refcnt 2 limit 1000p\n", r.stdout());
  }
}
