package com.queast.gateway.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private Principal oauth(int perTen) {
    Portal p =
        new Portal(1, "t", Set.of(), RateTier.FREE_STARTER, false, clock.instant(), CrmEvents.NONE);
    return new Principal(p, 99, Set.of(), false, new RateTier("OAUTH", perTen, 0));
  }

  @Test
  void oauthCallsGetWindowHeadersButNoDailyHeaders() {
    RateLimiter l = new RateLimiter(clock, 5);
    RateLimiter.Decision d = l.api(oauth(110));
    assertThat(d.allowed()).isTrue();
    assertThat(d.headers())
        .containsEntry("X-HubSpot-RateLimit-Max", "110")
        .containsEntry("X-HubSpot-RateLimit-Remaining", "109")
        .doesNotContainKey("X-HubSpot-RateLimit-Daily");
  }

  @Test
  void rejectedCallsDoNotConsumeTheWindow() {
    RateLimiter l = new RateLimiter(clock, 5);
    Principal p = oauth(2);
    l.api(p);
    l.api(p);
    for (int i = 0; i < 5; i++) {
      assertThat(l.api(p).policy()).isEqualTo("TEN_SECONDLY_ROLLING");
    }
    clock.advance(Duration.ofSeconds(10));
    assertThat(l.api(p).allowed()).isTrue();
    assertThat(l.total429()).isEqualTo(5);
  }

  @Test
  void searchHasItsOwnPerSecondBudget() {
    RateLimiter l = new RateLimiter(clock, 2);
    Principal p = oauth(1);
    assertThat(l.search(p).allowed()).isTrue();
    assertThat(l.search(p).allowed()).isTrue();
    assertThat(l.search(p).policy()).isEqualTo("SECONDLY");
    assertThat(l.api(p).allowed()).isTrue();
    clock.advance(Duration.ofMillis(1000));
    assertThat(l.search(p).allowed()).isTrue();
  }

  @Test
  void bodiesFollowTheObservedShapes() {
    assertThat(RateLimiter.body("TEN_SECONDLY_ROLLING", oauth(1)).getString("groupName"))
        .isEqualTo("publicapi:oauth-api-calls-ten-secondly:99:1");
    assertThat(RateLimiter.body("SECONDLY", null).containsKey("policyName")).isFalse();
    assertThat(RateLimiter.body("DAILY", null).getString("message"))
        .isEqualTo("You have reached your daily limit.");
  }
}
