package io.smpsim.kernel.hotplug;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The CPU hotplug state machine's states as /sys/devices/system/cpu/hotplug/states lists them
 * (kernel/cpu.c states_show: every state with a name, {@code %3d: %s}). smpsim models the steps
 * that matter (watchdogs, IRQ migration, the LAPIC timer) but shows the numbering of the real
 * kernel it is checked against, where CPUHP_ONLINE is 236.
 */
public final class CpuhpStates {

  /** CPUHP_OFFLINE. */
  public static final int OFFLINE = 0;
  /** CPUHP_ONLINE of the recorded kernel. */
  public static final int ONLINE = 236;

  private static final String LISTING = load();

  private CpuhpStates() {}

  /** The text of /sys/devices/system/cpu/hotplug/states. */
  public static String listing() {
    return LISTING;
  }

  private static String load() {
    try (InputStream in = CpuhpStates.class.getResourceAsStream("states.txt")) {
      StringBuilder out = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.startsWith("#")) {
          out.append(line).append('\n');
        }
      }
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
