package io.smpsim.kernel.hotplug;

import io.smpsim.kernel.core.Registry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The CPU hotplug state machine's states (enum cpuhp_state, kernel/cpu.c). smpsim models the
 * steps that matter (the watchdogs, IRQ migration, the LAPIC timer, INIT/SIPI), and each
 * subsystem registers the states it models; the recorded kernel's other states are registered
 * here from its listing, so /sys/devices/system/cpu/hotplug/states shows the numbering of the
 * real kernel smpsim is checked against, where CPUHP_ONLINE is 236.
 */
public final class CpuhpStates {

  /** CPUHP_OFFLINE. */
  public static final int OFFLINE = 0;
  /** CPUHP_ONLINE of the recorded kernel. */
  public static final int ONLINE = 236;

  private CpuhpStates() {}

  /** Registers CPUHP_OFFLINE, CPUHP_ONLINE and the recorded kernel's unmodelled states. */
  static void register(Registry r) {
    r.hotplugState(OFFLINE, "offline");
    r.hotplugState(ONLINE, "online");
    try (InputStream in = CpuhpStates.class.getResourceAsStream("states.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.startsWith("#") && !line.isBlank()) {
          int colon = line.indexOf(':');
          r.hotplugState(Integer.parseInt(line.substring(0, colon).trim()),
              line.substring(colon + 2));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
