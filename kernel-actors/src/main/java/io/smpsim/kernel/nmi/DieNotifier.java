package io.smpsim.kernel.nmi;

/**
 * A callback on the die-notifier chain ({@code register_die_notifier()}): returning
 * {@link #NOTIFY_STOP} consumes the event, so the kernel's default action (a report, a panic)
 * does not happen.
 */
public interface DieNotifier {

  /** The event is not this notifier's. */
  int NOTIFY_DONE = 0;
  /** The event is consumed; the chain stops. */
  int NOTIFY_STOP = 0x8001;

  String name();

  int notify(DieEvent event, NmiContext nmi);
}
