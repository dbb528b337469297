package io.smpsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smpsim --version}, {@code smpsim help}, and the bash completion script. */
class CliNicetiesTest {

  @Test
  void versionNamesTheBuildAndItsCommit() {
    Cli.Outcome o = Cli.run("--version");
    assertEquals(0, o.exit(), o.stderr());
    assertTrue(Pattern.compile("^smpsim \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit"
        + " \\S+, built \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)\n"
        + "Java \\S+ \\(").matcher(o.stdout()).find(), o.stdout());
  }

  @Test
  void helpListsTheCommandsAndHelpOfACommandShowsItsOptions() {
    Cli.Outcome all = Cli.run("help");
    assertEquals(0, all.exit(), all.stderr());
    for (String cmd : new String[] {"run", "shell", "node", "resume", "completion", "help"}) {
      assertTrue(Pattern.compile("(?m)^  " + cmd + "\\s").matcher(all.stdout()).find(),
          cmd + " in: " + all.stdout());
    }
    Cli.Outcome run = Cli.run("help", "run");
    assertEquals(0, run.exit(), run.stderr());
    assertTrue(run.stdout().startsWith("Usage: smpsim run "), run.stdout());
    assertTrue(run.stdout().contains("--quiet"), run.stdout());

    Cli.Outcome bare = Cli.run();
    assertEquals(2, bare.exit());
    assertTrue(bare.stderr().contains("  completion"), "bare smpsim lists every command: "
        + bare.stderr());
  }

  @Test
  void theCompletionScriptCompletesCommandsAndOptionsInBash(@TempDir Path dir) throws Exception {
    Cli.Outcome o = Cli.run("completion");
    assertEquals(0, o.exit(), o.stderr());
    Path script = dir.resolve("smpsim.bash");
    Files.writeString(script, o.stdout());
    assertEquals("run", complete(script, "smpsim", "ru"));
    assertEquals("--quiet", complete(script, "smpsim", "run", "--qui"));
    assertEquals("--speed", complete(script, "bin/smpsim", "shell", "--spe"));
  }

  /** What bash offers for the last of {@code words} with the script loaded. */
  private static String complete(Path script, String... words) throws Exception {
    StringBuilder w = new StringBuilder();
    for (String word : words) {
      w.append('\'').append(word).append("' ");
    }
    String cmd = "source '" + script + "'; COMP_WORDS=(" + w + "); COMP_CWORD="
        + (words.length - 1) + "; COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE};"
        + " _complete_smpsim; printf '%s\\n' \"${COMPREPLY[@]}\"";
    // Outside a real completion, bash's compopt complains on stderr; what is offered is the same.
    Process p = new ProcessBuilder("bash", "-c", cmd)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out.strip();
  }
}
