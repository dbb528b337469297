package io.smpsim.kernel.core;

import io.smpsim.sim.SimMessage;

/**
 * A file whose reads and writes one kernel entity serves (a /proc/sys knob served by sysctl, a
 * /sys/power file served by the PM core): the job sends one request and shows the entity's
 * {@link Answer}. The file only says where its requests go; the shell's side of the exchange,
 * busybox's messages included, is here once. Its job is a plain record, so a job in flight is
 * saved with a checkpoint.
 */
public interface AnsweredFile extends VfsFile {

  /** The serving entity's answer to a read (the file's text) or a write. */
  interface Answer extends SimMessage {

    /** What a read returns. */
    String text();

    /** The read's or write's errno, or null. */
    Errno error();
  }

  /** Sends the read request, naming {@code jc.jobId()} as the job to answer. */
  void askRead(JobContext jc);

  /** Sends the request to write {@code value}, naming {@code jc.jobId()} as the job to answer. */
  void askWrite(JobContext jc, String value);

  @Override
  default ShellJob read(TextFilter filter) {
    return new Job(this, null, filter);
  }

  @Override
  default ShellJob write(String value) {
    return new Job(this, value, null);
  }

  /**
   * One read or write of {@code file}; {@code write} is null for a read, whose text goes
   * through the command's {@code filter} (grep).
   */
  record Job(AnsweredFile file, String write, TextFilter filter) implements ShellJob {
    @Override
    public void start(JobContext jc) {
      if (write == null) {
        file.askRead(jc);
      } else {
        file.askWrite(jc, write);
      }
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      if (!(body instanceof Answer a)) {
        return;
      }
      if (a.error() != null) {
        // A show() that fails (pm_wakeup_irq's ENODATA) is busybox cat's read error; a refused
        // store, busybox ash's write error.
        jc.fail(1, (write == null ? "cat: read error: " : "sh: write error: ")
            + a.error().text());
      } else if (write != null) {
        jc.ok("");
      } else {
        String out = filter.apply(a.text());
        jc.finish(filter.exit(out), out, "");
      }
    }
  }
}
