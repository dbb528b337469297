package io.smpsim.kernel.core;

import io.smpsim.sim.SimMessage;

/**
 * A file whose reads and writes one kernel entity serves (a /proc/sys knob served by sysctl, a
 * /sys/power file served by the PM core): the job sends one request and shows the entity's
 * {@link Answer}. The file only says where its requests go; the shell's side of the exchange,
 * busybox's messages included, is here once. Its jobs are plain records, so a job in flight is
 * saved with a checkpoint.
 */
public interface AnsweredFile extends VfsFile {

  /**
   * The serving entity's answer to a read (the file's text) or a write.
   */
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
    return new ReadJob(this, filter);
  }

  @Override
  default ShellJob write(String value) {
    return new WriteJob(this, value);
  }

  /** A read: the answer's text, through the command's filter (grep). */
  record ReadJob(AnsweredFile file, TextFilter filter) implements ShellJob {
    @Override
    public void start(JobContext jc) {
      file.askRead(jc);
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      if (!(body instanceof Answer a)) {
        return;
      }
      // A show() that fails (pm_wakeup_irq's ENODATA): busybox cat's read error.
      if (a.error() != null) {
        jc.fail(1, "cat: read error: " + a.error().text());
        return;
      }
      String out = filter.apply(a.text());
      jc.finish(filter.exit(out), out, "");
    }
  }

  /** A write, as {@code echo VALUE > FILE} does; a refused one is busybox ash's write error. */
  record WriteJob(AnsweredFile file, String value) implements ShellJob {
    @Override
    public void start(JobContext jc) {
      file.askWrite(jc, value);
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      if (!(body instanceof Answer a)) {
        return;
      }
      if (a.error() != null) {
        jc.fail(1, "sh: write error: " + a.error().text());
      } else {
        jc.ok("");
      }
    }
  }
}
