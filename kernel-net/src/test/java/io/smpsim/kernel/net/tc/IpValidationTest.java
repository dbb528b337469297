package io.smpsim.kernel.net.tc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.kernel.net.core.SplitMixRandom;
import io.smpsim.kernel.net.dev.NetStack;
import org.junit.jupiter.api.Test;

/**
 * Bad {@code ip} arguments (issue 15): each is refused with iproute2's or the kernel's words,
 * and the links read back afterwards are the ones there were before.
 */
class IpValidationTest {

  private final NetShell shell = new NetShell(new NetStack(new SplitMixRandom(1), 2));

  private ShellResult run(String line) {
    return shell.exec(line, 0);
  }

  private void refused(String line, int exit, String stderr) {
    String before = run("ip link show").stdout();
    ShellResult r = run(line);
    assertEquals(exit, r.exit(), line);
    assertEquals(stderr, r.stderr(), line);
    assertEquals("", r.stdout(), line);
    assertEquals(before, run("ip link show").stdout(), line + " changed the links");
  }

  @Test
  void badInterfaceNamesAreRefusedBeforeAnythingIsCreated() {
    refused("ip link add name abcdefghijklmnop type dummy", 255,
        "Error: argument \"abcdefghijklmnop\" is wrong: \"name\" not a valid ifname\n");
    refused("ip link add name a/b type dummy", 255,
        "Error: argument \"a/b\" is wrong: \"name\" not a valid ifname\n");
    refused("ip link add a/b type dummy", 255,
        "Error: argument \"a/b\" is wrong: \"dev\" not a valid ifname\n");
    // check_altifname() lets 16 characters through; the IFLA_IFNAME policy does not.
    refused("ip link add abcdefghijklmnop type dummy", 2,
        "Error: Attribute failed policy validation.\n");
    refused("ip link add v0 type veth peer name abcdefghijklmnop", 255,
        "Error: argument \"abcdefghijklmnop\" is wrong: \"name\" not a valid ifname\n");
  }

  @Test
  void queueCountsOutsideOneTo4096AreTheKernelsEinval() {
    refused("ip link add d0 numtxqueues 0 type dummy", 2,
        "Error: Invalid number of transmit queues.\n");
    refused("ip link add d0 numtxqueues 100000 type dummy", 2,
        "Error: Invalid number of transmit queues.\n");
    refused("ip link add d0 numrxqueues 4097 type dummy", 2,
        "Error: Invalid number of receive queues.\n");
    refused("ip link add v0 type veth peer name v1 numtxqueues 0", 2,
        "Error: Invalid number of transmit queues.\n");
    assertEquals(0, run("ip link add d0 numtxqueues 4096 type dummy").exit());
  }

  @Test
  void aVethPeerNamedLikeItsDeviceExistsAlready() {
    refused("ip link add v22 type veth peer name v22", 2, "RTNETLINK answers: File exists\n");
    assertEquals(0, run("ip link add v22 type veth peer name v23").exit());
    refused("ip link add v24 type veth peer name v23", 2, "RTNETLINK answers: File exists\n");
  }

  @Test
  void badAddressesPrefixesAndLinkLayerAddressesAreRefused() {
    assertEquals(0, run("ip link add d0 type dummy").exit());
    refused("ip addr add 999.1.1.1/24 dev d0", 1,
        "Error: any valid prefix is expected rather than \"999.1.1.1/24\".\n");
    refused("ip addr add 10.0.0.1/33 dev d0", 1,
        "Error: any valid prefix is expected rather than \"10.0.0.1/33\".\n");
    refused("ip neigh add 10.0.0.2 lladdr zz:zz dev d0", 255, "\"zz:zz\" is invalid lladdr.\n");
    refused("ip neigh add 10.0.0.256 lladdr 02:00:00:00:00:01 dev d0", 1,
        "Error: any valid address is expected rather than \"10.0.0.256\".\n");
    assertEquals(0, run("ip addr add 10.0.0.1/32 dev d0").exit());
    assertEquals(0, run("ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:01 dev d0").exit());
    assertEquals("[10.0.0.1/32]", shell.stack().namespace().device("d0").addresses().toString());
  }

  @Test
  void objectsIproute2HasAndSmpsimDoesNotAreSaidSoNotCalledUnknown() {
    // ip.c matches a prefix against its objects in order: "r" is route, "m" maddress.
    refused("ip route show", 255, "ip: object \"route\" is not supported by smpsim's ip (link,"
        + " address and neighbour are)\n");
    refused("ip r", 255, "ip: object \"route\" is not supported by smpsim's ip (link, address"
        + " and neighbour are)\n");
    refused("ip m", 255, "ip: object \"maddress\" is not supported by smpsim's ip (link,"
        + " address and neighbour are)\n");
    refused("ip nosuch", 255, "Object \"nosuch\" is unknown, try \"ip help\".\n");
    refused("tc actions ls", 255, "tc: object \"actions\" is not supported by smpsim's tc"
        + " (qdisc, class and filter are)\n");
    refused("tc nosuch", 255, "Object \"nosuch\" is unknown, try \"tc help\".\n");
    assertEquals(0, run("ip a").exit(), "a prefix of an object smpsim runs still runs it");
  }
}
