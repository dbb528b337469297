package io.smpsim.kernel.shell;

import static io.smpsim.kernel.testing.ShellScript.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shell's background jobs and signals, as busybox 1.35's ash on the console (no job
 * control) has them: {@code kill} (shell/ash.c killcmd, procps/kill.c) ends, stops and
 * continues the forked busy loops through the kernel (kernel/signal.c), {@code jobs} reports
 * them ({@code [1]+  Running} padded to column 33, strsignal() once over), {@code ps} and
 * /proc/loadavg follow. Expected texts are what Debian 12's busybox printed for the same
 * commands.
 */
class KillJobsTest {

  private static final String LOOP = "while :; do :; done &";

  /** showjob()'s line: the status padded to column 33. */
  private static String job(String head) {
    return head + " ".repeat(Math.max(33 - head.length(), 1)) + "\n";
  }

  /** The running/total field of a /proc/loadavg result ("0:0.00 0.00 0.00 2/30 120\n"). */
  private static String tasks(String loadavg) {
    return loadavg.split(" ")[3];
  }

  private static long pidsOf(String psResult, String comm) {
    return Arrays.stream(psResult.split("\n")).filter(l -> l.endsWith(" " + comm)).count();
  }

  /** The RES row's count on {@code cpu}, from a grep of /proc/interrupts. */
  private static long res(String grepResult, int cpu) {
    String[] f = grepResult.substring(2).trim().split("\\s+");
    return Long.parseLong(f[1 + cpu]);
  }

  @Test
  void killEndsALoopAndJobsReportsItOnceThenForgetsIt() {
    List<String> r = run(4, LOOP, LOOP, "jobs", "jobs -l", "jobs -p", "ps",
        "cat /proc/loadavg", "kill %1", "jobs", "jobs", "ps", "cat /proc/loadavg",
        "cat /proc/interrupts | grep RES");
    assertEquals("0:" + job("[2]+  Running") + job("[1]-  Running"), r.get(2));
    String[] pids = r.get(4).substring(2).split("\n");
    int second = Integer.parseInt(pids[0]);
    int first = Integer.parseInt(pids[1]);
    assertEquals(first + 1, second, "the newer job is listed first");
    assertEquals("0:" + job("[2]+  " + second + " Running") + job("[1]-  " + first
        + " Running"), r.get(3));
    assertTrue(r.get(5).contains(String.format("%5d %-8s %s%n", first, "0", "sh")), r.get(5));
    assertTrue(r.get(5).contains(String.format("%5d %-8s %s%n", second, "0", "sh")), r.get(5));
    assertEquals("0:", r.get(7));
    assertEquals("0:" + job("[2]+  Running") + job("[1]-  Terminated"), r.get(8));
    assertEquals("0:" + job("[2]+  Running"), r.get(9), "a job reported over is forgotten");
    assertFalse(r.get(10).contains(String.format("%5d %-8s %s%n", first, "0", "sh")), r.get(10));
    assertEquals(pidsOf(r.get(5), "sh") - 1, pidsOf(r.get(10), "sh"));
    // One runnable task less (the reader counts itself), one thread less.
    String[] before = tasks(r.get(6)).split("/");
    String[] after = tasks(r.get(11)).split("/");
    assertEquals(Integer.parseInt(before[0]) - 1, Integer.parseInt(after[0]));
    assertEquals(Integer.parseInt(before[1]) - 1, Integer.parseInt(after[1]));
    // Both CPUs took the wake-up's RESCHEDULE IPI; CPU 1 also the kill's kick_process().
    assertEquals(res(r.get(12), 2) + 1, res(r.get(12), 1), r.get(12));
  }

  @Test
  void killAndJobsSayWhatBusyboxSaysForBadInput() {
    List<String> r = run(4, LOOP, "kill", "kill -FOO 1", "kill -FOO %9", "kill %9",
        "kill 99999 abc 12a", "kill -s", "kill -9", "kill -l 9 TERM sigint 143 200 CLD 2",
        "kill -l", "jobs -x", "jobs %3", "jobs %- ", "kill 0", "kill -- -1", "jobs 1");
    assertEquals("1:sh: you need to specify whom to kill\n", r.get(1));
    assertEquals("1:sh: bad signal name 'FOO'\n", r.get(2));
    assertEquals("2:sh: kill: %9: no such job\n", r.get(3), "jobs are looked up first");
    assertEquals("2:sh: kill: %9: no such job\n", r.get(4));
    assertEquals("3:sh: can't kill pid 99999: No such process\nsh: invalid number 'abc'\n"
        + "sh: invalid number '12a'\n", r.get(5), "one error each, counted in the status");
    assertEquals("1:sh: bad signal name 's'\n", r.get(6));
    assertEquals("1:sh: you need to specify whom to kill\n", r.get(7));
    assertEquals("1:KILL\n15\n2\nTERM\n72\nsh: unknown signal 'CLD'\n", r.get(8));
    assertTrue(r.get(9).startsWith("0: 1) HUP\n 2) INT\n"), r.get(9));
    assertTrue(r.get(9).endsWith("\n15) TERM\n16) STKFLT\n17) CHLD\n18) CONT\n19) STOP\n"
        + "20) TSTP\n21) TTIN\n22) TTOU\n23) URG\n24) XCPU\n25) XFSZ\n26) VTALRM\n27) PROF\n"
        + "28) WINCH\n29) POLL\n30) PWR\n31) SYS\n"), r.get(9));
    assertEquals("2:sh: jobs: illegal option -x\n", r.get(10));
    assertEquals("2:sh: jobs: %3: no such job\n", r.get(11));
    assertEquals("2:sh: jobs: No previous job\n", r.get(12));
    assertTrue(r.get(13).startsWith("1:sh: kill: smpsim keeps no process groups"), r.get(13));
    assertTrue(r.get(14).startsWith("1:sh: kill: smpsim keeps no process groups"), r.get(14));
    assertEquals("2:sh: jobs: 1: no such job\n", r.get(15));
  }

  @Test
  void aStoppedLoopLeavesTheRunqueueAndDiesOfAPendingSignalWhenContinued() {
    List<String> r = run(4, LOOP, "cat /proc/loadavg", "kill -STOP %1", "cat /proc/loadavg",
        "jobs", "ps", "kill -CONT %1", "cat /proc/loadavg", "kill -TSTP %1", "kill -TERM %1",
        "jobs", "cat /proc/loadavg", "kill -CONT %1", "jobs", "cat /proc/loadavg", LOOP,
        "kill -STOP %1", "kill -9 %1", "jobs");
    String running = tasks(r.get(1));
    String stopped = tasks(r.get(3));
    assertEquals(Integer.parseInt(running.split("/")[0]) - 1,
        Integer.parseInt(stopped.split("/")[0]), "a stopped task is not runnable");
    assertEquals(running.split("/")[1], stopped.split("/")[1], "but still a thread");
    assertEquals("0:" + job("[1]+  Running"), r.get(4), "ash without job control sees no stop");
    assertEquals(1, pidsOf(r.get(5), "sh") - 1, "ps lists the stopped loop besides the shell");
    assertEquals(running, tasks(r.get(7)), "SIGCONT puts it back on a CPU");
    assertEquals("0:", r.get(9));
    assertEquals("0:" + job("[1]+  Running"), r.get(10), "SIGTERM waits for the SIGCONT");
    assertEquals(stopped, tasks(r.get(11)));
    assertEquals("0:" + job("[1]+  Terminated"), r.get(13));
    String[] gone = tasks(r.get(14)).split("/");
    assertEquals(Integer.parseInt(running.split("/")[0]) - 1, Integer.parseInt(gone[0]));
    assertEquals(Integer.parseInt(running.split("/")[1]) - 1, Integer.parseInt(gone[1]));
    assertEquals("0:" + job("[1]+  Killed"), r.get(18), "SIGKILL ends a stopped task");
  }

  @Test
  void signalsTheLoopIgnoresAndTasksThatIgnoreEveryOneChangeNothing() {
    List<String> r = run(4, LOOP, "cat /proc/loadavg", "kill -INT %1", "kill -QUIT %1",
        "kill -CHLD %1", "kill -WINCH %1", "kill -0 %1", "kill -CONT %1", "kill -9 1 2 3",
        "jobs", "cat /proc/loadavg", "kill -USR1 %1", "jobs");
    for (int i = 2; i <= 8; i++) {
      assertEquals("0:", r.get(i), "command " + i);
    }
    assertEquals("0:" + job("[1]+  Running"), r.get(9),
        "a background job of a shell without job control ignores SIGINT and SIGQUIT");
    assertEquals(tasks(r.get(1)), tasks(r.get(10)), "init and the kernel threads live on");
    assertEquals("0:" + job("[1]+  User defined signal 1"), r.get(12));
  }

  @Test
  void aSignalFindsALoopHotplugMovedAndAnEndedJobKeepsItsNumberUntilShown() {
    List<String> r = run(4, LOOP, "echo 0 > /sys/devices/system/cpu/cpu1/online",
        "kill -HUP %1", LOOP, "jobs", LOOP, "jobs -p", "kill %1 %2", "jobs");
    assertEquals("0:", r.get(2), "the loop left CPU 1 for another CPU and is still found");
    assertEquals("0:" + job("[2]+  Running") + job("[1]-  Hangup"), r.get(4),
        "the new job is 2: job 1 was over but not yet reported");
    String[] pids = r.get(6).substring(2).split("\n");
    assertEquals(2, pids.length, "job 1's number went to the third loop");
    assertEquals("0:", r.get(7));
    assertEquals("0:" + job("[1]+  Terminated") + job("[2]+  Terminated"), r.get(8),
        "once job 1 is freed, job 2 is the current one");
  }

  @Test
  void dollarBangIsTheLastBackgroundJobsPid() {
    List<String> r = run(4, "echo [$!]", LOOP, "jobs -p", "echo $!", "kill $!; jobs");
    assertEquals("0:[]\n", r.get(0), "no background job yet");
    assertEquals(r.get(2), r.get(3));
    assertEquals("0:" + job("[1]+  Terminated"), r.get(4));
  }
}
