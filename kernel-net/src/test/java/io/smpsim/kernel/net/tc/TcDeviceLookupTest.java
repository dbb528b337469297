package io.smpsim.kernel.net.tc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.kernel.net.core.SplitMixRandom;
import io.smpsim.kernel.net.dev.NetStack;
import org.junit.jupiter.api.Test;

/**
 * {@code dev NAME} naming no device: tc_qdisc.c, tc_class.c and tc_filter.c all answer with
 * nodev() ({@code Cannot find device "NAME"}, exit 1) before anything reaches the kernel, and
 * the modify commands look up the name cut to IFNAMSIZ - 1 characters.
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
  void theModifyCommandsLookUpTheNameCutToFifteenCharacters() {
    noDevice("tc qdisc add dev abcdefghijklmnopq root pfifo", "abcdefghijklmno");
    noDevice("tc class add dev abcdefghijklmnopq parent 1: classid 1:1 htb rate 1mbit",
        "abcdefghijklmno");
  }
}
