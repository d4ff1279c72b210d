package it.dev.outboxref.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium for the browser tests: Debian's {@code chromium} and {@code
 * chromium-driver} packages (the test command's prerequisites, installed by .ci/run), driven by
 * Selenium. Nothing is downloaded: the driver and the browser are the ones given.
 */
public final class Browser {

  public static final Path CHROMIUM = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));
  public static final Path DRIVER =
      Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver"));

  private Browser() {}

  public static ChromeDriver start(Path profile) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      throw new AssertionError(
          "The browser tests need Chromium and its driver: apt-get install chromium chromium-driver"
              + " (or -Dchromium=<binary> -Dchromedriver=<driver>); missing "
              + (Files.isExecutable(CHROMIUM) ? DRIVER : CHROMIUM));
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--window-size=1400,1000",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER.toString()))
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().implicitlyWait(Duration.ZERO);
    return driver;
  }
}
