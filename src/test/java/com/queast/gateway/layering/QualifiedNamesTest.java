package com.queast.gateway.layering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A cross-package reference is an import, never a fully qualified name in the code or its Javadoc,
 * so the import list of a file shows everything it depends on. Bytecode cannot tell the two apart,
 * so this reads the sources.
 */
class QualifiedNamesTest {

  private static final Pattern QUALIFIED =
      Pattern.compile("\\bcom\\.queast\\.gateway\\.((?:[a-z][a-z0-9]*\\.)*[a-z][a-z0-9]*)\\.[A-Z]");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");

  @Test
  void noCrossPackageNameIsSpelledOutOutsideTheImports() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String text = Files.readString(file);
        Matcher pm = PACKAGE.matcher(text);
        String own = pm.find() ? pm.group(1) : "";
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          String line = lines[i].strip();
          if (line.startsWith("import ") || line.startsWith("package ")) {
            continue;
          }
          Matcher m = QUALIFIED.matcher(line);
          while (m.find()) {
            if (!("com.queast.gateway." + m.group(1)).equals(own)) {
              found.add(file + ":" + (i + 1) + ": " + line);
            }
          }
        }
      }
    }
    assertThat(found).as("fully qualified cross-package names; import them instead").isEmpty();
  }
}
