package com.queast.gateway.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class JobStateTest {

  @Test
  void finishedStatesOnlyLeaveThroughReplay() {
    assertThat(JobState.COMPLETED.next()).isEmpty();
    assertThat(JobState.DEAD.next()).containsExactly(JobState.AVAILABLE);
    assertThat(JobState.CANCELLED.next()).containsExactly(JobState.AVAILABLE);
    assertThat(JobState.AVAILABLE.canMoveTo(JobState.COMPLETED)).isFalse();
    assertThat(JobState.RUNNING.canMoveTo(JobState.COMPLETED)).isTrue();
  }

  @Test
  void everyUpdateInJobsSqlIsAnAllowedTransition() {
    // Each statement that sets a state names where it comes from in its WHERE clause; check the
    // pairs.
    Pattern from = Pattern.compile("state (?:=|IN) \\(?'([a-z]+)'");
    for (var e : JobStore.SQL.all().entrySet()) {
      String sql = e.getValue();
      Matcher to = Pattern.compile("SET state = '([a-z]+)'").matcher(sql);
      if (!to.find()) {
        continue;
      }
      JobState target = JobState.fromDb(to.group(1));
      Matcher f = from.matcher(sql.substring(to.end()));
      while (f.find()) {
        JobState source = JobState.fromDb(f.group(1));
        if (source != target) {
          assertThat(source.canMoveTo(target))
              .as("%s: %s -> %s", e.getKey(), source, target)
              .isTrue();
        }
      }
    }
  }

  @Property
  void backoffStaysWithinItsBoundsAndGrows(
      @ForAll @IntRange(min = 1, max = 200) int attempt,
      @ForAll @IntRange(min = 0, max = 999) int r) {
    Backoff b = new Backoff(1000, 3_600_000, () -> r / 1000.0);
    long d = b.delay(attempt, null).toMillis();
    long ceiling =
        Math.min(3_600_000L, attempt - 1 >= 31 ? Long.MAX_VALUE : 1000L << (attempt - 1));
    assertThat(d).isBetween(ceiling / 2, ceiling);
  }

  @Test
  void aLongerVendorWaitWins() {
    Backoff b = new Backoff(1000, 60_000, () -> 0.0);
    assertThat(b.delay(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    assertThat(b.delay(1, Duration.ofMillis(10))).isEqualTo(Duration.ofMillis(500));
  }
}
