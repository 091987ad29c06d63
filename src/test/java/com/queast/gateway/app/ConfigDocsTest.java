package com.queast.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

  @Test
  void everyConfigurationKeyIsDocumented() throws Exception {
    String doc = Files.readString(Path.of("docs/configuration.md"));
    for (String key : ConfigLoader.keyPaths()) {
      assertThat(doc).as("docs/configuration.md lists %s", key).contains("`" + key + "`");
      assertThat(doc).contains("`" + ConfigLoader.envName(key) + "`");
    }
  }
}
