package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.kernel.net.tc.ShellResult;
import org.junit.jupiter.api.Test;

/**
 * Which parent {@code tc filter show} prints. The rule was measured on the oracle's recording
 * kernel (6.18, iproute2 6.1) with u32 filters; the model's matchall filters share the header
 * line, which is all this checks. The kernel reports a block's {@code classid}, the parent of
 * the last {@code tc filter add} on that block; iproute2 prints it only when it differs from
 * the parent the user asked to show, naming the clsact minors {@code ingress}/{@code egress}.
 */
class FilterParentDisplayTest {

  private static String heads(TestBed b, String show) {
    StringBuilder s = new StringBuilder();
    for (String line : b.ok(show).split("\n")) {
      if (line.startsWith("filter ") && !line.contains("handle")) {
        s.append(line.strip()).append('\n');
      }
    }
    return s.toString();
  }

  @Test
  void anIngressFilterShowsNoParentWhenShownAsIngress() {
    TestBed b = new TestBed();
    b.ok("tc qdisc add dev veth0 ingress");
    b.ok("tc filter add dev veth0 ingress protocol ip prio 7 matchall action drop");
    assertEquals("filter protocol ip pref 7 matchall chain 0\n",
        heads(b, "tc filter show dev veth0 ingress"));
    assertEquals("filter ingress protocol ip pref 7 matchall chain 0\n",
        heads(b, "tc filter show dev veth0 parent ffff:"));
    assertEquals("", heads(b, "tc filter show dev veth0"));
  }

  @Test
  void theLastAddDecidesTheParentOfEveryFilterInTheBlock() {
    TestBed b = new TestBed();
    b.ok("tc qdisc add dev veth0 ingress");
    b.ok("tc filter add dev veth0 ingress protocol ip prio 7 matchall action drop");
    b.ok("tc filter add dev veth0 parent ffff: protocol ip prio 5 matchall action drop");
    assertEquals("filter parent ffff: protocol ip pref 5 matchall chain 0\n"
        + "filter parent ffff: protocol ip pref 7 matchall chain 0\n",
        heads(b, "tc filter show dev veth0 ingress"));
    b.ok("tc filter add dev veth0 parent ffff:fff3 protocol ip prio 6 matchall action drop");
    assertEquals("filter egress protocol ip pref 5 matchall chain 0\n"
        + "filter egress protocol ip pref 6 matchall chain 0\n"
        + "filter egress protocol ip pref 7 matchall chain 0\n",
        heads(b, "tc filter show dev veth0 ingress"));
  }

  @Test
  void aRootQdiscFilterIsNamedByTheRootHandleUnlessThatWasAsked() {
    TestBed b = new TestBed();
    b.ok("tc qdisc add dev veth0 root handle 1: htb");
    b.ok("tc class add dev veth0 parent 1: classid 1:1 htb rate 1mbit");
    b.ok("tc filter add dev veth0 protocol ip prio 1 matchall classid 1:1");
    assertEquals("filter parent 1: protocol ip pref 1 matchall chain 0\n",
        heads(b, "tc filter show dev veth0"));
    assertEquals("filter protocol ip pref 1 matchall chain 0\n",
        heads(b, "tc filter show dev veth0 parent 1:"));
  }

  @Test
  void rootLooksUpQdiscFfffAndFailsWithoutIngress() {
    TestBed b = new TestBed();
    b.ok("tc qdisc add dev veth0 root handle 1: htb");
    ShellResult r = b.run("tc filter add dev veth0 root protocol ip prio 2 matchall");
    assertEquals(2, r.exit());
    assertEquals("Error: Parent Qdisc doesn't exists.\nWe have an error talking to the kernel\n",
        r.stderr());
    ShellResult c = b.run("tc filter add dev veth0 parent 1:7 protocol ip prio 2 matchall");
    assertEquals("Error: Specified class doesn't exist.\nWe have an error talking to the kernel\n",
        c.stderr());
  }
}
