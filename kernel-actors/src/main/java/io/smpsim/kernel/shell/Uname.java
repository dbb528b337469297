package io.smpsim.kernel.shell;

import io.smpsim.sim.SimMessage;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.KernelVersion;
import io.smpsim.kernel.core.BusyboxUsage;
import io.smpsim.kernel.core.ShellJob;
import java.util.ArrayList;
import java.util.List;

/**
 * busybox uname (coreutils/uname.c) of the machine's utsname (kernel/utsname.c init_uts_ns):
 * sysname Linux, the nodename kernel.hostname holds ("(none)", UTS_NODENAME, until set; the
 * recordings' initramfs sets none),
 * the release and version of the machine's kernel build, machine x86_64. Fields print in the
 * order -s -n -r -v -m -p -i -o; -a prints them all but the processor and platform, which
 * busybox only knows as "unknown".
 */
final class Uname {

  private static final String OPTIONS = "snrvmpio";

  private Uname() {}

  static ShellJob parse(List<String> args) {
    boolean[] want = new boolean[OPTIONS.length()];
    boolean all = false;
    boolean any = false;
    for (String a : args) {
      if (!a.startsWith("-") || a.length() < 2) {
        // An operand: uname takes none (bb_show_usage()).
        return new ShellJob.Failure(1, BusyboxUsage.of("uname"));
      }
      for (char c : a.substring(1).toCharArray()) {
        if (c == 'a') {
          all = true;
        } else if (OPTIONS.indexOf(c) >= 0) {
          want[OPTIONS.indexOf(c)] = true;
        } else {
          return BusyboxUsage.invalidOption("uname", c);
        }
        any = true;
      }
    }
    if (!any) {
      want[0] = true;
    }
    return new UnameJob(want, all);
  }

  /** The fields, the host name read from kernel.hostname (what sethostname() set). */
  record UnameJob(boolean[] want, boolean all) implements ShellJob {
    @Override
    public void start(JobContext jc) {
      jc.send(jc.layout().sysctl(), new Sysctl.Read(jc.jobId(), "hostname"));
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      if (!(body instanceof Sysctl.Answer a)) {
        return;
      }
      KernelVersion v = jc.config().kernel();
      String[] fields = {"Linux", a.text().strip(), v.release(), v.utsVersion(), "x86_64",
          "unknown", "unknown", "GNU/Linux"};
      List<String> out = new ArrayList<>();
      for (int i = 0; i < fields.length; i++) {
        boolean unknown = fields[i].equals("unknown");
        if (want[i] || (all && !unknown)) {
          out.add(fields[i]);
        }
      }
      jc.ok(String.join(" ", out) + "\n");
    }
  }
}
