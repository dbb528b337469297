package io.smpsim.app.cli;

/**
 * A subcommand contributed by another module (the benchmarks), found with
 * {@link java.util.ServiceLoader}.
 */
public interface CliExtension {

  /** The subcommand's name. */
  String name();

  /** A picocli command object ({@code @Command}-annotated, usually a {@code Callable<Integer>}). */
  Object command();
}
