package io.smpsim.kernel.rcu;

import io.smpsim.hw.cpu.Cpu;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.TextFilter;
import io.smpsim.kernel.core.VfsFile;
import io.smpsim.sim.SimMessage;
import java.util.regex.Pattern;

/**
 * A writable RCU module parameter, /sys/module/rcupdate/parameters/{@code name}
 * (kernel/rcu/update.c: {@code module_param(..., int, 0644)}): the value is a kernel global
 * every CPU reads, so a write updates each CPU's copy and a read asks CPU 0's. A write is
 * param_set_int(): kstrtoint(), EINVAL for anything that is not an int.
 *
 * @param name the parameter
 */
public record RcuParamFile(String name) implements VfsFile {

  /** kstrtoint(s, 0): a sign, then decimal, 0x hex or 0 octal, one trailing newline. */
  private static final Pattern INT = Pattern.compile("[+-]?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)");

  @Override
  public ShellJob read(TextFilter filter) {
    return new Read(name, filter);
  }

  @Override
  public ShellJob write(String value) {
    String v = value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
    Integer n = parse(v);
    if (n == null) {
      return new ShellJob.Failure(1, "sh: write error: Invalid argument");
    }
    return new Write(name, n);
  }

  /** kstrtoint(): the int, or null (-EINVAL, -ERANGE). */
  static Integer parse(String s) {
    if (!INT.matcher(s).matches()) {
      return null;
    }
    boolean neg = s.startsWith("-");
    String d = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
    int radix = 10;
    if (d.startsWith("0x") || d.startsWith("0X")) {
      radix = 16;
      d = d.substring(2);
    } else if (d.length() > 1 && d.startsWith("0")) {
      radix = 8;
      d = d.substring(1);
    }
    try {
      long v = Long.parseLong(d, radix);
      v = neg ? -v : v;
      return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : (int) v;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Reads CPU 0's copy. */
  record Read(String name, TextFilter filter) implements ShellJob {
    @Override
    public void start(JobContext jc) {
      jc.send(jc.layout().cpu(0), new Cpu.KernelMail(new RcuMail.Query(jc.jobId(), name)));
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      if (body instanceof RcuMail.Value v) {
        String out = filter.apply(v.text());
        jc.finish(filter.exit(out), out, "");
      }
    }
  }

  /** Sets every CPU's copy. */
  record Write(String name, int value) implements ShellJob {
    @Override
    public void start(JobContext jc) {
      for (int c = 0; c < jc.config().cpus(); c++) {
        jc.send(jc.layout().cpu(c), new Cpu.KernelMail(new RcuMail.SetParam(name, value)));
      }
      jc.ok("");
    }
  }
}
