package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.connector.hubspot.HubSpotErrors.Kind;
import com.queast.gateway.jobqueue.Outcome;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubSpotErrorsTest {

  private static HubSpotErrors.Decision classify(int status, String body, Map<String, String> h) {
    return HubSpotErrors.classify(
        new HubSpotResponse(status, body, h, 1, null), Duration.ofSeconds(10));
  }

  @Test
  void answersAreClassifiedByWhatTheyMeanForTheRecords() {
    assertThat(classify(200, "{}", Map.of()).kind()).isEqualTo(Kind.OK);
    assertThat(classify(207, "{\"results\":[]}", Map.of()).kind()).isEqualTo(Kind.OK);
    assertThat(classify(200, "{\"resul", Map.of()).code()).isEqualTo("malformed_response");
    assertThat(classify(0, "", Map.of()).kind()).isEqualTo(Kind.AMBIGUOUS);
    assertThat(classify(502, "{}", Map.of()).kind()).isEqualTo(Kind.AMBIGUOUS);
    assertThat(classify(401, "{}", Map.of()).kind()).isEqualTo(Kind.AUTH);
    assertThat(classify(403, "{}", Map.of()).kind()).isEqualTo(Kind.FORBIDDEN);
    assertThat(classify(404, "{}", Map.of()).kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(classify(409, "{}", Map.of()).kind()).isEqualTo(Kind.CONFLICT);
    assertThat(classify(400, "{}", Map.of()).kind()).isEqualTo(Kind.REJECTED);
    assertThat(classify(423, "{}", Map.of()).delay()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void rateLimitsUseRetryAfterWhenGivenAndTheDailyPolicyWaitsLonger() {
    var burst = classify(429, "{\"policyName\":\"TEN_SECONDLY_ROLLING\"}", Map.of());
    assertThat(burst.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(burst.delay()).isNull();
    assertThat(classify(429, "{}", Map.of("retry-after", "7")).delay())
        .isEqualTo(Duration.ofSeconds(7));
    var daily = classify(429, "{\"policyName\":\"DAILY\"}", Map.of());
    assertThat(daily.code()).isEqualTo("rate_limited_daily");
    assertThat(daily.delay()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void failedCallsBecomeOutcomesThatKeepHubSpotsDetails() {
    HubSpotResponse r =
        new HubSpotResponse(
            400,
            "{\"status\":\"error\",\"message\":\"Property values were not valid\",\"category\":\"VALIDATION_ERROR\",\"correlationId\":\"abc\"}",
            Map.of(),
            12,
            null);
    Outcome o = Outcomes.forFailedCall(HubSpotErrors.classify(r, Duration.ofSeconds(10)), r);
    assertThat(o).isInstanceOf(Outcome.Fail.class);
    assertThat(o.attempt().message()).isEqualTo("Property values were not valid");
    assertThat(o.attempt().vendorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(o.attempt().vendorRequestId()).isEqualTo("abc");
    assertThat(o.attempt().httpStatus()).isEqualTo(400);
    HubSpotResponse limited =
        new HubSpotResponse(429, "{\"errorType\":\"RATE_LIMIT\"}", Map.of(), 1, null);
    assertThat(
            Outcomes.forFailedCall(
                HubSpotErrors.classify(limited, Duration.ofSeconds(10)), limited))
        .isInstanceOf(Outcome.Snooze.class);
    HubSpotResponse reset = new HubSpotResponse(0, "", Map.of(), 1, "connection reset");
    assertThat(Outcomes.forFailedCall(HubSpotErrors.classify(reset, Duration.ofSeconds(10)), reset))
        .isInstanceOf(Outcome.Retry.class);
  }

  @Test
  void theExistingIdOfAUniqueConflictIsRead() {
    assertThat(HubSpotErrors.existingId("Contact already exists. Existing ID: 37765128953"))
        .isEqualTo("37765128953");
    assertThat(HubSpotErrors.existingId("Property values were not valid")).isNull();
  }
}
