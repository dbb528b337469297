package io.smpsim.kernel.net.tc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.kernel.net.core.SplitMixRandom;
import io.smpsim.kernel.net.dev.NetStack;
import org.junit.jupiter.api.Test;

/**
 * The oracle's {@code @send DST COUNT SIZE [PORT]} helper: datagrams go out by the route to
 * DST and are counted; a malformed line is a usage error, not a crash.
 */
class AtSendTest {

  private final NetShell shell = new NetShell(new NetStack(new SplitMixRandom(1), 2));

  @Test
  void datagramsLeaveByTheRouteAndOnesWithoutARouteAreErrors() {
    assertEquals(0, shell.exec("ip link add veth0 type veth peer name veth1", 0).exit());
    assertEquals(0, shell.exec("ip addr add 10.0.0.1/24 dev veth0", 0).exit());
    assertEquals(0, shell.exec("ip link set veth0 up", 0).exit());
    assertEquals(0, shell.exec("ip link set veth1 up", 0).exit());
    assertEquals("sent 3 errors 0\n", shell.exec("@send 10.0.0.2 3 100", 0).stdout());
    assertEquals(0, shell.exec("ip link set veth0 down", 0).exit());
    assertEquals("sent 0 errors 2\n", shell.exec("@send 10.0.0.2 2 100 5000", 0).stdout());
  }

  @Test
  void aMalformedSendIsAUsageError() {
    for (String line : new String[] {"@send", "@send 10.0.0.2 3", "@send nowhere 3 100",
        "@send 10.0.0.2 three 100", "@send 10.0.0.2 3 100 port"}) {
      ShellResult r = shell.exec(line, 0);
      assertEquals(1, r.exit(), line);
      assertEquals("usage: @send DST COUNT SIZE [PORT]\n", r.stderr(), line);
    }
  }
}
