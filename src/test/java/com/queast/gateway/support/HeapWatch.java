package com.queast.gateway.support;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Heap use of a benchmark phase from the JVM's own beans: the highest heap use sampled every 50 ms
 * ({@code MemoryMXBean}), the sum of the heap pools' peaks (an upper bound: pools peak at different
 * moments), and the collectors' counts and times over the phase.
 */
public final class HeapWatch implements AutoCloseable {

  private static final long MB = 1024 * 1024;
  private final ScheduledExecutorService sampler;
  private final long gcCountAtStart;
  private final long gcMillisAtStart;
  private volatile long maxUsed;

  private HeapWatch() {
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    gcCountAtStart = gcCount();
    gcMillisAtStart = gcMillis();
    sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "heap-watch");
              t.setDaemon(true);
              return t;
            });
    sampler.scheduleAtFixedRate(this::sample, 0, 50, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts watching.
   *
   * @return the watch; close it to stop sampling
   */
  public static HeapWatch start() {
    return new HeapWatch();
  }

  private synchronized void sample() {
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    if (used > maxUsed) {
      maxUsed = used;
    }
  }

  /**
   * The figures so far.
   *
   * @return JSON: {@code maxHeapMb}, {@code peakHeapUsedMb} (sampled), {@code heapPoolPeaksSumMb},
   *     {@code gcCount}, {@code gcMillis}
   */
  public JsonObject figures() {
    sample();
    long poolPeaks = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
        poolPeaks += p.getPeakUsage().getUsed();
      }
    }
    return new JsonObject()
        .put("maxHeapMb", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / MB)
        .put("peakHeapUsedMb", maxUsed / MB)
        .put("heapPoolPeaksSumMb", poolPeaks / MB)
        .put("gcCount", gcCount() - gcCountAtStart)
        .put("gcMillis", gcMillis() - gcMillisAtStart);
  }

  private static long gcCount() {
    long n = 0;
    for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, g.getCollectionCount());
    }
    return n;
  }

  private static long gcMillis() {
    long n = 0;
    for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, g.getCollectionTime());
    }
    return n;
  }

  /**
   * The machine's load average now ({@code /proc/loadavg}: 1, 5 and 15 minutes), for the figures.
   *
   * @return e.g. {@code "2.31 1.80 1.02"}, or {@code "unknown"}
   */
  public static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
