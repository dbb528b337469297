package io.smpsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line as the kernel reads it: words, key=value, last one wins, unknown ones kept. */
class KernelCmdlineTest {

  @Test
  void wordsAreSplitOnAnyWhiteSpaceAndTheLastValueWins() {
    KernelCmdline c = KernelCmdline.parse(
        "  console=tty0\tconsole=ttyS0,115200 \n watchdog_thresh=5  watchdog_thresh=20 ");
    assertEquals("20", c.value("watchdog_thresh"));
    assertEquals(List.of("tty0", "ttyS0,115200"), c.values("console"));
    assertTrue(c.consoleOn("ttyS0"));
    assertTrue(c.consoleOn("tty0"));
    assertFalse(c.consoleOn("ttyS1"));
    assertEquals("console=tty0\tconsole=ttyS0,115200 \n watchdog_thresh=5  watchdog_thresh=20",
        c.raw());
  }

  @Test
  void aKeyMatchesWholeNotAsAPrefixOfAnother() {
    KernelCmdline c = KernelCmdline.parse("nmi_watchdog_x=1 nmi=2 nokaslr nmi_watchdog=");
    assertEquals("", c.value("nmi_watchdog"));
    assertNull(c.value("nmi_watchdo"));
    assertEquals("2", c.value("nmi"));
    assertTrue(c.has("nokaslr"));
    assertFalse(c.has("nokasl"));
    assertTrue(c.has("nmi"), "key=value counts as present");
    assertFalse(c.has("nowatchdog"));
    assertNull(c.value("nokaslr"), "a bare flag has no value");
  }

  @Test
  void nohzOffDisablesNoHzAndOnlyTheExactValueDoes() {
    assertFalse(KernelCmdline.parse("quiet nohz=off").nohz());
    assertTrue(KernelCmdline.parse("nohz=on").nohz());
    assertTrue(KernelCmdline.parse("nohz=offx").nohz());
    assertTrue(KernelCmdline.parse("nohz_full=1-3").nohz());
    assertTrue(KernelCmdline.parse("nohz=off nohz=on").nohz(), "the last one wins");
  }

  @Test
  void parametersTheKernelDoesNotKnowAreKeptInOrderModuleParametersAreNot() {
    KernelCmdline c = KernelCmdline.parse(
        "console=ttyS0 foo exp=sysrq rcupdate.rcu_cpu_stall_timeout=3 panic=-1 bar=1");
    assertEquals(List.of("foo", "exp=sysrq", "bar=1"), c.unknown());
  }

  @Test
  void theLineIsCutToCommandLineSize() {
    String longLine = "a=" + "x".repeat(3000);
    KernelCmdline c = KernelCmdline.parse(longLine);
    assertEquals(KernelCmdline.COMMAND_LINE_SIZE - 1, c.raw().length());
    assertEquals(KernelCmdline.COMMAND_LINE_SIZE - 3, c.value("a").length());
    assertTrue(KernelCmdline.parse("").unknown().isEmpty());
    assertNull(KernelCmdline.parse("   ").value("a"));
  }
}
