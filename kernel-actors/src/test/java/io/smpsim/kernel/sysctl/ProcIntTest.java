package io.smpsim.kernel.sysctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * proc_dointvec_minmax as the real-kernel recording of kernel.watchdog_thresh writes shows it
 * (e_watchdog_sysctl_smp8.txt): what is taken, what is EINVAL.
 */
class ProcIntTest {

  private static Integer thresh(String written) {
    return ProcInt.parse(written, 0, 60);
  }

  @Test
  void acceptsWhatTheRecordedKernelAccepted() {
    assertEquals(0, thresh("0\n"));
    assertEquals(5, thresh("5\n"));
    assertEquals(60, thresh("60\n"));
    assertEquals(7, thresh(" 7\n"), "leading blanks are skipped");
    assertEquals(8, thresh("8 \n"), "a blank may follow the number");
    assertEquals(3, thresh("3 4\n"), "only the first number counts");
    assertEquals(9, thresh("9"), "printf without a newline");
  }

  @Test
  void refusesWhatTheRecordedKernelRefused() {
    assertNull(thresh("61\n"));
    assertNull(thresh("-1\n"));
    assertNull(thresh("abc\n"));
    assertNull(thresh("1x\n"));
    assertNull(thresh("2147483648\n"));
    assertNull(thresh("\n"), "an empty write");
  }

  @Test
  void plainDointvecTakesAnyIntInAnyBaseStrtoulReads() {
    assertEquals(-1, ProcInt.parse("-1\n"));
    assertEquals(16, ProcInt.parse("0x10\n"));
    assertEquals(8, ProcInt.parse("010\n"));
    assertEquals(Integer.MIN_VALUE, ProcInt.parse("-2147483648\n"));
    assertNull(ProcInt.parse("+1\n"));
    assertNull(ProcInt.parse("-\n"));
  }
}
