package com.queast.gateway.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.connector.pipedrive.ErrorClassifier.Kind;
import com.queast.gateway.jobqueue.Outcome;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ErrorClassifierTest {

  private static PdResponse answer(int status, String body) {
    return new PdResponse(
        status,
        body == null ? null : new JsonObject(body),
        null,
        RateHeaders.NONE,
        "req-1",
        12,
        status == 0 ? "Connection reset" : null);
  }

  @Test
  void noAnswerAnd5xxAreRetriedAndAmbiguous() {
    PdResponse reset = answer(0, null);
    assertThat(ErrorClassifier.classify(reset).kind()).isEqualTo(Kind.RETRY);
    assertThat(reset.ambiguous()).isTrue();
    PdResponse five =
        answer(
            500,
            "{\"success\":false,\"error\":\"Internal Server Error\",\"code\":\"ERR_UNKNOWN\"}");
    ErrorClassifier.Classified c = ErrorClassifier.classify(five);
    assertThat(c.kind()).isEqualTo(Kind.RETRY);
    assertThat(c.vendorCode()).isEqualTo("ERR_UNKNOWN");
    assertThat(c.outcome(five)).isInstanceOf(Outcome.Retry.class);
    assertThat(c.outcome(five).attempt().httpStatus()).isEqualTo(500);
    assertThat(c.outcome(five).attempt().vendorRequestId()).isEqualTo("req-1");
  }

  @Test
  void rateLimitSnoozesWithoutUsingAnAttempt() {
    PdResponse r =
        answer(
            429,
            "{\"success\":false,\"error\":\"Request over limit\",\"error_info\":\"Please check"
                + " developers.pipedrive.com for more information about Pipedrive API.\"}");
    ErrorClassifier.Classified c = ErrorClassifier.classify(r);
    assertThat(c.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(c.message()).isEqualTo("Request over limit");
    assertThat(c.outcome(r)).isInstanceOf(Outcome.Snooze.class);
  }

  @Test
  void validationFailsWithTheVendorsMessage() {
    PdResponse r =
        answer(
            400,
            "{\"success\":false,\"error\":\"Validation failed: name: required\","
                + "\"code\":\"ERR_SCHEMA_VALIDATION_FAILED\"}");
    ErrorClassifier.Classified c = ErrorClassifier.classify(r);
    assertThat(c.kind()).isEqualTo(Kind.FAIL);
    assertThat(c.code()).isEqualTo("vendor_validation");
    assertThat(c.message()).contains("name: required");
    assertThat(c.outcome(r)).isInstanceOf(Outcome.Fail.class);
  }

  @Test
  void unknownCustomFieldAsksForTheKeysAgain() {
    PdResponse r =
        answer(
            400,
            "{\"success\":false,\"error\":\"Validation failed: custom_fields.abc: Custom field"
                + " 'abc' does not exist\"}");
    assertThat(ErrorClassifier.classify(r).kind()).isEqualTo(Kind.UNKNOWN_FIELD);
  }

  @Test
  void authPaymentCloudflareAndNotFound() {
    assertThat(
            ErrorClassifier.classify(
                    answer(
                        401,
                        "{\"success\":false,\"error\":\"unauthorized access\",\"errorCode\":401}"))
                .kind())
        .isEqualTo(Kind.UNAUTHORIZED);
    assertThat(ErrorClassifier.classify(answer(402, "{\"success\":false}")).kind())
        .isEqualTo(Kind.ACCOUNT_BLOCKED);
    PdResponse cloudflare =
        new PdResponse(403, null, "<html>Error 1015", RateHeaders.NONE, null, 3, null);
    assertThat(ErrorClassifier.classify(cloudflare).kind()).isEqualTo(Kind.ACCOUNT_BLOCKED);
    assertThat(ErrorClassifier.classify(cloudflare).outcome(cloudflare))
        .isInstanceOf(Outcome.Snooze.class);
    assertThat(
            ErrorClassifier.classify(
                    answer(403, "{\"success\":false,\"error\":\"Scope and URL mismatch\"}"))
                .kind())
        .isEqualTo(Kind.FAIL);
    assertThat(
            ErrorClassifier.classify(
                    answer(404, "{\"success\":false,\"error\":\"Organization not found\"}"))
                .kind())
        .isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void webhooksApiErrorsAreReadToo() {
    PdResponse r =
        answer(
            400,
            "{\"status\":\"error\",\"success\":false,"
                + "\"errors\":{\"subscription_url\":[\"invalid or non-reachable URL\"]}}");
    assertThat(ErrorClassifier.message(r)).contains("invalid or non-reachable URL");
  }

  @Test
  void anUnreadableSuccessIsAmbiguous() {
    PdResponse half = new PdResponse(201, null, "{\"success\":tr", RateHeaders.NONE, null, 1, null);
    assertThat(half.ambiguous()).isTrue();
    assertThat(ErrorClassifier.classify(half).kind()).isEqualTo(Kind.RETRY);
  }
}
