package io.smpsim.app.cli;

import io.smpsim.app.scenario.ConfigReader;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration option ({@code 10s}, {@code 500ms}, {@code 1h}) in ns, read as scenario files read
 * durations; a bad one is picocli's "Invalid value for option" error (exit 2).
 */
public final class DurationConverter implements ITypeConverter<Long> {

  @Override
  public Long convert(String value) {
    try {
      return ConfigReader.parseDuration(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
