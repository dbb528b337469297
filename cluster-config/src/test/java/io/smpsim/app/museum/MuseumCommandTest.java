package io.smpsim.app.museum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smpsim.app.Cli;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code smpsim museum} and {@code smpsim museum run} as a user types them. */
class MuseumCommandTest {

  private static final String DIR = "../scenarios/museum";

  @Test
  void museumListsEveryStoryWithItsStatus() {
    Cli.Outcome o = Cli.run("museum");
    assertEquals(0, o.exit(), o.stderr());
    for (MuseumStory s : MuseumCatalogue.load().stories()) {
      assertTrue(o.stdout().lines().anyMatch(l -> l.startsWith(s.id() + " ")
          && l.contains(" " + s.name() + " ") && l.contains(" " + s.status().key() + " ")),
          s.id() + " in\n" + o.stdout());
    }
    assertTrue(o.stdout().contains("83 stories: 24 reproduced,"), o.stdout());
  }

  @Test
  void museumJsonHasEveryFieldOfEveryStory() throws Exception {
    Cli.Outcome o = Cli.run("museum", "--json");
    assertEquals(0, o.exit(), o.stderr());
    JsonNode all = new ObjectMapper().readTree(o.stdout());
    assertEquals(83, all.size());
    JsonNode n9 = all.get(8);
    assertEquals("N9", n9.get("id").asText());
    assertEquals("fixed-only", n9.get("status").asText());
    assertTrue(n9.get("blocked").asText().contains("issue 12"), n9.toString());
    JsonNode n24 = all.get(21);
    assertEquals("N24", n24.get("id").asText());
    assertEquals("alert-counter-reset", n24.get("quirk").asText());
    assertEquals("scenarios/museum/alert-counter-reset.conf", n24.get("scenario").asText());
    assertEquals(List.of(264), List.of(n24.get("lines").get(0).asInt()));
  }

  @Test
  void runShowsTheFalseLockupOnlyWithTheQuirk() {
    Cli.Outcome o = Cli.run("museum", "run", "nmi-ignores-pit-hpet", "--dir", DIR);
    assertEquals(0, o.exit(), o.stderr());
    String out = o.stdout();
    int with = out.indexOf("=== with the quirk nmi-ignores-pit-hpet (the kernel before the fix)");
    int without = out.indexOf("=== without the quirk (the fixed kernel) ===");
    assertTrue(with >= 0 && without > with, out);
    String bug = out.substring(with, without);
    String fixed = out.substring(without, out.indexOf("=== what differs ==="));
    assertTrue(bug.contains(">> [    5.890089] NMI Watchdog detected LOCKUP on CPU 1\n"), bug);
    assertTrue(bug.contains(">> [    5.890089] Kernel panic - not syncing: Attempted to kill the"
        + " idle task!\n"), bug);
    assertFalse(fixed.contains("LOCKUP"), fixed);
    assertFalse(fixed.contains("Kernel panic"), fixed);
    // Lines both runs print are not marked: the boot banner is the same kernel's.
    assertTrue(bug.contains("\n   [    0.000000] Command line: console=ttyS0 nmi_watchdog=1\n"),
        bug);
    assertTrue(fixed.contains("\n   [    0.000000] Command line: console=ttyS0 nmi_watchdog=1\n"),
        fixed);
    assertTrue(out.contains("as the catalogue says: 'NMI Watchdog detected LOCKUP on CPU 1' only"
        + " with the quirk\n"), out);
  }

  @Test
  void runByRowShowsTheFixOnlyWithoutTheQuirk() {
    Cli.Outcome o = Cli.run("museum", "run", "N2", "--dir", DIR);
    assertEquals(0, o.exit(), o.stderr());
    String out = o.stdout();
    String bug = out.substring(0, out.indexOf("=== without the quirk"));
    String fixed = out.substring(out.indexOf("=== without the quirk"),
        out.indexOf("=== what differs ==="));
    assertTrue(bug.contains("] ACPI: 1 ACPI AML tables successfully acquired and loaded\n"), bug);
    assertFalse(bug.contains("Run /init as init process"), bug);
    assertTrue(fixed.contains(">> [    1.177013] Run /init as init process\n"), fixed);
  }

  @Test
  void aFeatureStoryIsSwitchedByItsBootOption() {
    Cli.Outcome o = Cli.run("museum", "run", "detect-softlockup", "--dir", DIR);
    assertEquals(0, o.exit(), o.stderr());
    String out = o.stdout();
    int without = out.indexOf("=== without the boot option (the fixed kernel) ===");
    assertTrue(out.contains("=== with the boot option nosoftlockup (the kernel before the fix)"
        + " ===\n"), out);
    String before = out.substring(0, without);
    String after = out.substring(without, out.indexOf("=== what differs ==="));
    assertTrue(before.contains(" Command line: console=ttyS0 nmi_watchdog=1 nosoftlockup\n"),
        before);
    assertFalse(before.contains("soft lockup"), before);
    assertTrue(after.contains(">> [   13.004000] BUG: soft lockup detected on CPU#3!\n"), after);
    assertTrue(after.contains(" Command line: console=ttyS0 nmi_watchdog=1\n"), after);
  }

  @Test
  void anUnknownStoryExits2WithDidYouMean() {
    Cli.Outcome o = Cli.run("museum", "run", "alert-counter-rest", "--dir", DIR);
    assertEquals(2, o.exit());
    assertEquals("", o.stdout());
    assertTrue(o.stderr().contains("smpsim: no museum story 'alert-counter-rest'\n"
        + "Did you mean: smpsim museum run alert-counter-reset?\n"), o.stderr());
  }

  @Test
  void aStoryThatCannotBeShownExits2SayingWhy() {
    Cli.Outcome o = Cli.run("museum", "run", "rtnl-init-net-only", "--dir", DIR);
    assertEquals(2, o.exit());
    assertEquals("", o.stdout());
    assertTrue(o.stderr().startsWith("smpsim: museum story S22 (rtnl-init-net-only) cannot be"
        + " shown yet (missing): needs network namespaces per machine"), o.stderr());
    Cli.Outcome na = Cli.run("museum", "run", "N7", "--dir", DIR);
    assertEquals(2, na.exit());
    assertTrue(na.stderr().contains("(not-applicable): no behaviour to show"), na.stderr());
  }

  @Test
  void aMissingScenarioDirectoryExits2() {
    Cli.Outcome o = Cli.run("museum", "run", "N24", "--dir", "no/such/dir");
    assertEquals(2, o.exit());
    assertTrue(o.stderr().contains("no scenario no/such/dir/alert-counter-reset.conf"),
        o.stderr());
  }
}
