package io.smpsim.app.scenario;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * HOCON {@code include} in scenario files: files only, relative to the including file, read
 * with the same checks as the scenario itself ({@link ScenarioText}). A missing required file
 * is named with the including file and line. URL and class-path includes are refused: a
 * scenario must mean the same thing on every machine that runs it, offline.
 */
final class ScenarioIncluder implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL,
    ConfigIncluderClasspath {

  /** How deep includes may nest (a cycle would otherwise recurse until the stack ends). */
  static final int MAX_NESTING = 8;

  private final Path baseDir;
  private final String origin;
  private final String text;
  private final int nesting;

  /**
   * @param baseDir the including file's directory, against which relative names resolve
   * @param origin the including file, as errors name it
   * @param text the including file's text, to find the line of an include
   * @param nesting how many includes deep the including file is
   */
  ScenarioIncluder(Path baseDir, String origin, String text, int nesting) {
    this.baseDir = baseDir;
    this.origin = origin;
    this.text = text;
    this.nesting = nesting;
  }

  /** Parse options for a scenario's text, with this includer. */
  ConfigParseOptions options() {
    return ConfigParseOptions.defaults().setOriginDescription(origin)
        .setSyntax(ConfigSyntax.CONF).setAllowMissing(false).setIncluder(this);
  }

  @Override
  public ConfigIncluder withFallback(ConfigIncluder fallback) {
    return this;
  }

  @Override
  public ConfigObject include(ConfigIncludeContext context, String what) {
    return includeFile(context, new File(what));
  }

  @Override
  public ConfigObject includeFile(ConfigIncludeContext context, File what) {
    String name = what.getPath();
    Path file = baseDir.resolve(what.toPath()).normalize();
    if (!Files.exists(file) && !name.contains(".") && Files.exists(Path.of(file + ".conf"))) {
      file = Path.of(file + ".conf");
    }
    if (!Files.exists(file)) {
      if (context.parseOptions().getAllowMissing()) {
        return ConfigFactory.empty().root();
      }
      throw error(name, "no such file: " + file);
    }
    if (nesting >= MAX_NESTING) {
      throw error(name, "includes nested more than " + MAX_NESTING + " deep (do they include"
          + " each other?)");
    }
    String included = file.toString();
    String body = ScenarioText.read(file, included + " (included from " + where(name) + ")");
    ScenarioIncluder inner = new ScenarioIncluder(file.toAbsolutePath().getParent(), included,
        body, nesting + 1);
    return ConfigFactory.parseString(body, inner.options()).root();
  }

  @Override
  public ConfigObject includeURL(ConfigIncludeContext context, URL what) {
    throw error(what.toString(), "url() includes are not allowed in a scenario (it must read"
        + " the same everywhere, offline): copy the file and include it with file()");
  }

  @Override
  public ConfigObject includeResources(ConfigIncludeContext context, String what) {
    throw error(what, "classpath() includes are not allowed in a scenario: include a file with"
        + " file()");
  }

  private ScenarioException error(String name, String reason) {
    return new ScenarioException(where(name) + ": include \"" + name + "\": " + reason);
  }

  /** {@code origin:line} of the include naming {@code name} ({@code origin} if not found). */
  private String where(String name) {
    Pattern p = Pattern.compile("\\binclude\\b.*\"" + Pattern.quote(name) + "\"");
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (p.matcher(lines[i]).find()) {
        return origin + ":" + (i + 1);
      }
    }
    return origin;
  }
}
