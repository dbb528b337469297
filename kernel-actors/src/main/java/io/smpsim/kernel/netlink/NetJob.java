package io.smpsim.kernel.netlink;

import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.net.NetAsker;
import io.smpsim.kernel.net.NetCommandResult;
import io.smpsim.kernel.net.Netns;
import io.smpsim.sim.Address;
import io.smpsim.sim.SimMessage;

/**
 * {@code ip}, {@code tc}, {@code traffic} and the tc oracle's pseudo-commands ({@code @send},
 * {@code @sleep}, {@code @nl-qdisc-add}, {@code @autohandle}): the line goes to the machine's
 * network namespace, which answers with what the command printed and its exit status.
 *
 * @param line the command line, as typed
 */
public record NetJob(String line) implements ShellJob {

  @Override
  public void start(JobContext jc) {
    Address<NetAsker> shell = Address.of(jc.layout().shell().id());
    jc.send(jc.layout().netns(), new Netns.Exec(jc.jobId(), line, shell));
  }

  @Override
  public void onReply(JobContext jc, SimMessage body) {
    if (body instanceof NetCommandResult r) {
      jc.finish(r.exit(), r.stdout(), r.stderr());
    }
  }
}
