package io.smpsim.kernel.hotplug;

import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.sim.SimMessage;

/**
 * /sys/devices/system/cpu/cpuN/hotplug/target (kernel/cpu.c target_show, target_store). It reads
 * like hotplug/state (an operation runs to its end before the next, so the target is the state
 * whenever the shell reads it). A write is parsed by kstrtoint(buf, 10); without
 * CONFIG_CPU_HOTPLUG_STATE_CONTROL (the recorded Debian kernel) only CPUHP_OFFLINE and
 * CPUHP_ONLINE are targets, anything else is EINVAL; then cpu_down() or cpu_up() runs like a
 * write to the online file, and the current state is a no-op.
 *
 * @param cpu the CPU
 */
public record CpuHotplugTargetFile(int cpu) implements MaskFile {

  @Override
  public String render(CpuHotplug.Masks m, MachineConfig config) {
    return new CpuHotplugStateFile(cpu).render(m, config);
  }

  @Override
  public ShellJob write(String value) {
    return new WriteJob(cpu, value);
  }

  /** What kstrtoint() makes of a write: the value, or the errno's strerror() text. */
  record Parsed(Integer value, String error) {}

  /**
   * lib/kstrtox.c kstrtoint(s, 10): an optional sign, decimal digits, at most one trailing
   * newline and nothing else; EINVAL for anything else, ERANGE for a value outside int.
   */
  static Parsed kstrtoint(String s) {
    String t = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    boolean neg = t.startsWith("-");
    String digits = neg || t.startsWith("+") ? t.substring(1) : t;
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return new Parsed(null, "Invalid argument");
    }
    java.math.BigInteger v = new java.math.BigInteger(digits);
    if (neg) {
      v = v.negate();
    }
    if (v.bitLength() > 31) {
      return new Parsed(null, "Numerical result out of range");
    }
    return new Parsed(v.intValue(), null);
  }

  /** A write: EINVAL or ERANGE at once, else the hotplug controller's answer. */
  static final class WriteJob implements ShellJob {
    private final int cpu;
    private final String value;

    WriteJob(int cpu, String value) {
      this.cpu = cpu;
      this.value = value;
    }

    @Override
    public void start(JobContext jc) {
      Parsed p = kstrtoint(value);
      if (p.error() != null) {
        jc.fail(1, "sh: write error: " + p.error());
        return;
      }
      int target = p.value();
      if (target != CpuhpStates.OFFLINE && target != CpuhpStates.ONLINE) {
        jc.fail(1, "sh: write error: Invalid argument");
        return;
      }
      jc.send(jc.layout().hotplug(),
          new CpuHotplug.Request(jc.jobId(), cpu, target == CpuhpStates.ONLINE));
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      if (body instanceof CpuHotplug.Result r) {
        if (r.error() != null) {
          jc.fail(1, "sh: write error: " + r.error().text());
        } else {
          jc.ok("");
        }
      }
    }
  }
}
