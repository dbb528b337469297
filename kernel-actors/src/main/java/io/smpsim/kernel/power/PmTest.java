package io.smpsim.kernel.power;

/**
 * {@code /sys/power/pm_test}: where a suspend stops for its debug test (kernel/power/main.c
 * pm_tests[], kernel/power/power.h TEST_NONE..TEST_FREEZER), in the file's order. A suspend
 * that reaches the chosen level prints {@code PM: suspend debug: Waiting for 5 second(s).},
 * waits pm_test_delay (5 s) and goes back the way it came (kernel/power/suspend.c
 * suspend_test()).
 */
public enum PmTest {
  NONE("none"),
  /** After syscore_suspend(), with interrupts off on the boot CPU (TEST_CORE). */
  CORE("core"),
  /** After the non-boot CPUs are down (TEST_CPUS). */
  PROCESSORS("processors"),
  /** After the platform's prepare callbacks (TEST_PLATFORM). */
  PLATFORM("platform"),
  /** After the devices are suspended (TEST_DEVICES). */
  DEVICES("devices"),
  /** After the tasks are frozen (TEST_FREEZER). */
  FREEZER("freezer");

  /** pm_test_delay's default, in seconds (kernel/power/suspend.c). */
  static final int DELAY_SECONDS = 5;

  private final String label;

  PmTest(String label) {
    this.label = label;
  }

  /** pm_test_show(): every level, the current one in brackets. */
  static String show(PmTest current) {
    StringBuilder s = new StringBuilder();
    for (PmTest t : values()) {
      if (s.length() > 0) {
        s.append(' ');
      }
      s.append(t == current ? "[" + t.label + "]" : t.label);
    }
    return s.append('\n').toString();
  }

  /** pm_test_store(): the level named exactly {@code text} (newline stripped), or null. */
  static PmTest parse(String text) {
    for (PmTest t : values()) {
      if (t.label.equals(text)) {
        return t;
      }
    }
    return null;
  }

  /** The line suspend_test() prints (pr_fmt "PM: "). */
  static String waitingLine() {
    return "PM: suspend debug: Waiting for " + DELAY_SECONDS + " second(s).";
  }
}
