package io.smpsim.app.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smpsim.hw.nic.NicConfig;
import io.smpsim.hw.nic.NicLink;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The networking keys of a scenario: NICs, links and repeated timeline entries. */
class NetKeysTest {

  private final ScenarioLoader loader = new ScenarioLoader();

  private Scenario load(String machines, String rest) {
    return loader.load("duration = 1s\nmachines = [\n" + machines + "\n]\n" + rest, "n.conf",
        null, null);
  }

  private String error(String machines, String rest) {
    return assertThrows(ScenarioException.class, () -> load(machines, rest)).getMessage();
  }

  @Test
  void nicsHaveDefaultsAndLinksCableThemBothWays() {
    Scenario s = load("""
        { name = a, nics = [ { name = eth0, tx-queues = 4, rate = 1gbit, ring = 64 }, {} ] }
        { name = b, nics = [ { rate = 100mbit } ] }""",
        "links = [ { a = \"a:eth0\", b = \"b:eth0\", latency = 5us } ]");
    List<NicConfig> a = s.machines().get(0).nics();
    assertEquals(new NicConfig("eth0", 4, 4, 1_000_000_000L, 64,
        new NicLink(1, 0, 5_000, 100_000_000L)), a.get(0));
    assertEquals(new NicConfig("eth1", 1, 1, 10_000_000_000L, 256, null), a.get(1));
    assertEquals(new NicLink(0, 0, 5_000, 100_000_000L), s.machines().get(1).nics().get(0).link());
    assertEquals(100_000_000L, a.get(0).wireRateBps(), "a NIC never outruns its link");
    assertNull(a.get(1).link());
  }

  @Test
  void badNicKeysNameTheFileLineAndKey() {
    assertEquals("n.conf:4: machines[0].nics[0].rate: not a rate: 'fast' (use tc units such as"
        + " 10gbit or 100mbit)", error("{ name = a,\n nics = [ { rate = fast } ] }", ""));
    assertEquals("n.conf:4: machines[0].nics[0].ring: must be between 1 and 65536, got 0",
        error("{ name = a,\n nics = [ { ring = 0 } ] }", ""));
    assertEquals("n.conf:3: machines[0].nics[1].name: duplicate NIC name 'eth0'",
        error("{ name = a, nics = [ { name = eth0 }, { name = eth0 } ] }", ""));
    assertEquals("n.conf:3: machines[0].nics[0].queues: unknown key (known keys: name, rate,"
        + " ring, rx-queues, tx-queues)", error("{ name = a, nics = [ { queues = 4 } ] }", ""));
  }

  @Test
  void badLinksNameTheFileLineAndKey() {
    String two = "{ name = a, nics = [ {} ] }\n{ name = b, nics = [ {} ] }";
    assertEquals("n.conf:6: links[0].b: machine 'b' has no NIC named 'eth7'",
        error(two, "links = [ { a = \"a:eth0\", b = \"b:eth7\" } ]"));
    assertEquals("n.conf:6: links[0].a: no machine named 'c'",
        error(two, "links = [ { a = \"c:eth0\", b = \"b:eth0\" } ]"));
    assertEquals("n.conf:7: links[1].a: a:eth0 is already cabled (links[0].a)",
        error(two, "links = [ { a = \"a:eth0\", b = \"b:eth0\" }\n"
            + "{ a = \"a:eth0\", b = \"b:eth0\" } ]"));
    assertEquals("n.conf:6: links[0].latency: latency 50 ns is below the lookahead L = 100 ns"
        + " (raise it, or lower 'lookahead')",
        error(two, "links = [ { a = \"a:eth0\", b = \"b:eth0\", latency = 50ns } ]"));
  }

  @Test
  void aRepeatedTimelineEntryRunsOncePerIndexWithDecimalAndHexIds() {
    Scenario s = load("{ name = a }", "timeline = [ { at = 500ms, repeat = 11,"
        + " run = \"tc class add dev eth0 parent 1: classid 1:{x} htb rate {i}mbit\" } ]");
    assertEquals(11, s.timeline().size());
    assertEquals("tc class add dev eth0 parent 1: classid 1:b htb rate 11mbit",
        s.timeline().get(10).line());
    assertEquals("n.conf:5: timeline[0].repeat: must be between 1 and 1000000, got 0",
        error("{ name = a }", "timeline = [ { at = 2s, repeat = 0, run = \"true\" } ]"));
  }
}
