package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.kernel.net.tc.ShellResult;
import org.junit.jupiter.api.Test;

/**
 * A classifier smpsim's kernel does not have: iproute2 parses the options of the ones it knows
 * (u32's {@code match ...}) and the kernel then finds no module (cls_api.c
 * tcf_proto_lookup_ops: "TC classifier not found", ENOENT); a kind iproute2 does not know
 * cannot take options at all (parse_noqopt). Nothing is added either way.
 */
class UnmodelledClassifierTest {

  @Test
  void aKnownClassifierIsParsedByTcAndRefusedByTheKernel() {
    TestBed b = new TestBed();
    b.ok("tc qdisc add dev veth0 root handle 1: prio");
    ShellResult r = b.run("tc filter add dev veth0 parent 1: protocol ip prio 1 u32 match ip"
        + " dport 22 0xffff flowid 1:1");
    assertEquals(2, r.exit());
    assertEquals("Error: TC classifier not found.\nWe have an error talking to the kernel\n",
        r.stderr());
    assertEquals("", b.ok("tc filter show dev veth0"));
  }

  @Test
  void anUnknownKindTakesNoOptionsAndWithoutThemReachesTheKernel() {
    TestBed b = new TestBed();
    b.ok("tc qdisc add dev veth0 root handle 1: prio");
    ShellResult r = b.run("tc filter add dev veth0 parent 1: protocol ip prio 1 nosuch"
        + " classid 1:1");
    assertEquals(1, r.exit());
    assertEquals("Unknown filter \"nosuch\", hence option \"classid\" is unparsable\n",
        r.stderr());
    r = b.run("tc filter add dev veth0 parent 1: protocol ip prio 1 nosuch");
    assertEquals("Error: TC classifier not found.\nWe have an error talking to the kernel\n",
        r.stderr());
  }
}
