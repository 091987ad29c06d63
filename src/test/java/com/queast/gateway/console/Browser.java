package com.queast.gateway.console;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from the system's packages ({@code chromium}, {@code chromium-driver}), driven
 * by Selenium. Never downloads a browser or a driver: without them the test fails and says how to
 * install them (never a skip).
 */
final class Browser {

  private static final List<String> BROWSERS =
      List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
  private static final List<String> DRIVERS =
      List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

  private static Path profile;

  private Browser() {}

  /** Quits the browser and deletes its fresh profile directory. */
  static void quit(ChromeDriver d) {
    try {
      d.quit();
    } finally {
      if (profile != null) {
        try (var files = Files.walk(profile)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
          // a leftover temp directory is not a test failure
        }
        profile = null;
      }
    }
  }

  static ChromeDriver start() throws java.io.IOException {
    String browser = find("GATEWAY_TEST_CHROMIUM", BROWSERS);
    String driver = find("GATEWAY_TEST_CHROMEDRIVER", DRIVERS);
    if (browser == null || driver == null) {
      throw new IllegalStateException(
          "browser tests need Chromium and its driver: apt-get install -y chromium chromium-driver"
              + " (or set GATEWAY_TEST_CHROMIUM / GATEWAY_TEST_CHROMEDRIVER); .ci/run installs them");
    }
    profile = Files.createTempDirectory("console-it-chromium-");
    ChromeOptions o = new ChromeOptions();
    o.setBinary(browser);
    o.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        // A headless window counts as occluded: without these Chromium throttles, then freezes the
        // page's timers and fetch callbacks after a while (the console's 2 s refresh stopped).
        "--disable-background-timer-throttling",
        "--disable-renderer-backgrounding",
        "--disable-backgrounding-occluded-windows",
        "--window-size=1400,1000",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(driver))
            .usingAnyFreePort()
            .build();
    ChromeDriver d = new ChromeDriver(service, o);
    d.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return d;
  }

  private static String find(String env, List<String> candidates) {
    String given = System.getenv(env);
    if (given != null && !given.isBlank()) {
      return new File(given).canExecute() ? given : null;
    }
    for (String c : candidates) {
      if (new File(c).canExecute()) {
        return c;
      }
    }
    return null;
  }
}
