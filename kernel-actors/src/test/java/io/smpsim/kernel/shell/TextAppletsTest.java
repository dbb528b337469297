package io.smpsim.kernel.shell;

import static io.smpsim.kernel.testing.ShellScript.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.smpsim.kernel.core.BusyboxUsage;
import io.smpsim.kernel.core.ShellJob;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * cut, sort, uniq and tr against a recording of Debian 12's busybox 1.35 running the same command
 * lines over the same /proc/interrupts-like input (busybox-text-applets.json), then on the
 * machine: on files, in pipelines, with their errors.
 */
class TextAppletsTest {

  @Test
  void everyRecordedCommandPrintsWhatBusyboxPrinted() {
    Config rec = ConfigFactory.parseResources(TextAppletsTest.class,
        "busybox-text-applets.json");
    String input = rec.getString("input");
    List<? extends Config> cases = rec.getConfigList("cases");
    assertTrue(cases.size() > 50, "the recording has its cases");
    for (Config c : cases) {
      String cmd = c.getString("cmd");
      List<String> words = ShellWords.split(cmd);
      TextCommand t = switch (words.get(0)) {
        case "cut" -> Cut.parse(words.subList(1, words.size()));
        case "sort" -> Sort.parse(words.subList(1, words.size()));
        case "tr" -> Tr.parse(words.subList(1, words.size()));
        default -> Uniq.parse(words.subList(1, words.size()));
      };
      if (c.getInt("exit") == 0) {
        assertEquals(null, t.error(), cmd);
        assertEquals(c.getString("stdout"), t.filter().apply(input), cmd);
      } else {
        ShellJob.Failure f = (ShellJob.Failure) t.error();
        assertEquals(c.getInt("exit"), f.exit(), cmd);
        String said = f.message().endsWith("\n") ? f.message() : f.message() + "\n";
        assertEquals(c.getString("stderr"), said, cmd);
      }
    }
  }

  @Test
  void onTheMachineOnFilesAndInPipelines() {
    List<String> r = run(4, "cut -d' ' -f1 /proc/loadavg",
        "cat /proc/interrupts | sort -k2,2nr | head -n 1 | cut -c1-4",
        "cat /proc/interrupts | cut -c1-4 | sort | uniq -c | grep -c ' 1 '",
        "sort /nope /proc/loadavg", "uniq /nope", "cut -f1 /nope /proc/loadavg", "cut /proc/loadavg",
        "sort -x", "cat /proc/loadavg | sort /proc/loadavg", "sort",
        "cat /proc/interrupts | tr -s ' ' | cut -d' ' -f2 | head -n 1", "tr a b");
    assertTrue(r.get(0).matches("0:\\d+\\.\\d\\d\n"), r.get(0));
    assertEquals("0:LOC:\n", r.get(1), "the local timer counts the most interrupts");
    assertTrue(r.get(2).matches("0:\\d+\n"), r.get(2));
    assertEquals("2:sort: /nope: No such file or directory\n", r.get(3));
    assertEquals("1:uniq: can't open '/nope': No such file or directory\n", r.get(4));
    assertTrue(r.get(5).startsWith("1:0.") && r.get(5).endsWith("\ncut: /nope: No such file or"
        + " directory\n"), "the other file is still cut: " + r.get(5));
    assertEquals("1:cut: expected a list of bytes, characters, or fields\n", r.get(6));
    assertEquals("2:sort: invalid option -- 'x'\n" + BusyboxUsage.of("sort"), r.get(7));
    assertEquals("2:sh: a 'sort' in a pipeline reads its standard input: give it no FILE\n",
        r.get(8));
    assertEquals("1:sort: reading standard input is not supported outside a pipeline\n",
        r.get(9));
    assertEquals("0:CPU0\n", r.get(10), "squeezed blanks, then the second field");
    assertEquals("1:tr: reading standard input is not supported outside a pipeline\n",
        r.get(11));
  }
}
