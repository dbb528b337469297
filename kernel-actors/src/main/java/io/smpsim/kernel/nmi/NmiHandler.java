package io.smpsim.kernel.nmi;

/**
 * A handler registered with {@code register_nmi_handler()}: it answers how many events it
 * handled (0 is NMI_DONE). Implementations are plain serializable objects that act through the
 * {@link NmiContext} they are handed.
 */
public interface NmiHandler {

  /** The name it was registered under (the key of unregister_nmi_handler). */
  String name();

  /** Handles the NMI: 0 if it was not this handler's, else the events handled. */
  int handle(NmiContext nmi);
}
