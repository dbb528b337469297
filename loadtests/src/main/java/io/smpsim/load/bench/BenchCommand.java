package io.smpsim.load.bench;

import io.smpsim.app.cli.CliExtension;
import picocli.CommandLine.Command;

/** {@code smpsim bench ...}: the benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks that measure the engine next to a raw-Pekko baseline.",
    subcommands = {PholdBench.class, ScaleBench.class, HtbBench.class})
public final class BenchCommand implements CliExtension {

  @Override
  public String name() {
    return "bench";
  }

  @Override
  public Object command() {
    return this;
  }
}
