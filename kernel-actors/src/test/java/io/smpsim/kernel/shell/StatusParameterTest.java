package io.smpsim.kernel.shell;

import static io.smpsim.kernel.testing.ShellScript.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ash's {@code $?}, the exit status of the last command, in the machine's shell; the
 * parameters smpsim's shell does not have are refused, not printed as typed.
 */
class StatusParameterTest {

  @Test
  void dollarQuestionMarkIsTheLastCommandsStatus() {
    List<String> r = run("cat /proc/nosuch", "echo $?", "echo \"rc=$?\" '$?'",
        "echo 2 > /sys/devices/system/cpu/cpu1/online", "echo $?", "echo $HOME", "echo $?");
    assertEquals("0:1\n", r.get(1));
    assertEquals("0:rc=0 $?\n", r.get(2));
    assertEquals("0:1\n", r.get(4), "a refused write fails with status 1");
    assertEquals("2:sh: '$HOME' is not supported: smpsim's shell has no variables but $? (the"
        + " last command's exit status), $! (the last background job's pid) and a for loop's\n",
        r.get(5));
    assertEquals("0:2\n", r.get(6));
  }
}
