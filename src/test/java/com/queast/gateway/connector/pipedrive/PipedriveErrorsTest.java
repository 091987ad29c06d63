package com.queast.gateway.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.connector.pipedrive.PipedriveErrors.Kind;
import com.queast.gateway.jobqueue.Outcome;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class PipedriveErrorsTest {

  private static PipedriveResponse answer(int status, String body) {
    return new PipedriveResponse(
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
    PipedriveResponse reset = answer(0, null);
    assertThat(PipedriveErrors.classify(reset).kind()).isEqualTo(Kind.RETRY);
    assertThat(reset.ambiguous()).isTrue();
    PipedriveResponse five =
        answer(
            500,
            "{\"success\":false,\"error\":\"Internal Server Error\",\"code\":\"ERR_UNKNOWN\"}");
    PipedriveErrors.Classified c = PipedriveErrors.classify(five);
    assertThat(c.kind()).isEqualTo(Kind.RETRY);
    assertThat(c.vendorCode()).isEqualTo("ERR_UNKNOWN");
    assertThat(c.outcome(five)).isInstanceOf(Outcome.Retry.class);
    assertThat(c.outcome(five).attempt().httpStatus()).isEqualTo(500);
    assertThat(c.outcome(five).attempt().vendorRequestId()).isEqualTo("req-1");
  }

  @Test
  void rateLimitSnoozesWithoutUsingAnAttempt() {
    PipedriveResponse r =
        answer(
            429,
            "{\"success\":false,\"error\":\"Request over limit\",\"error_info\":\"Please check"
                + " developers.pipedrive.com for more information about Pipedrive API.\"}");
    PipedriveErrors.Classified c = PipedriveErrors.classify(r);
    assertThat(c.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(c.message()).isEqualTo("Request over limit");
    assertThat(c.outcome(r)).isInstanceOf(Outcome.Snooze.class);
  }

  @Test
  void validationFailsWithTheVendorsMessage() {
    PipedriveResponse r =
        answer(
            400,
            "{\"success\":false,\"error\":\"Validation failed: name: required\","
                + "\"code\":\"ERR_SCHEMA_VALIDATION_FAILED\"}");
    PipedriveErrors.Classified c = PipedriveErrors.classify(r);
    assertThat(c.kind()).isEqualTo(Kind.FAIL);
    assertThat(c.code()).isEqualTo("vendor_validation");
    assertThat(c.message()).contains("name: required");
    assertThat(c.outcome(r)).isInstanceOf(Outcome.Fail.class);
  }

  @Test
  void unknownCustomFieldAsksForTheKeysAgain() {
    PipedriveResponse r =
        answer(
            400,
            "{\"success\":false,\"error\":\"Validation failed: custom_fields.abc: Custom field"
                + " 'abc' does not exist\"}");
    assertThat(PipedriveErrors.classify(r).kind()).isEqualTo(Kind.UNKNOWN_FIELD);
  }

  @Test
  void authPaymentCloudflareAndNotFound() {
    assertThat(
            PipedriveErrors.classify(
                    answer(
                        401,
                        "{\"success\":false,\"error\":\"unauthorized access\",\"errorCode\":401}"))
                .kind())
        .isEqualTo(Kind.UNAUTHORIZED);
    assertThat(PipedriveErrors.classify(answer(402, "{\"success\":false}")).kind())
        .isEqualTo(Kind.ACCOUNT_BLOCKED);
    PipedriveResponse cloudflare =
        new PipedriveResponse(403, null, "<html>Error 1015", RateHeaders.NONE, null, 3, null);
    assertThat(PipedriveErrors.classify(cloudflare).kind()).isEqualTo(Kind.ACCOUNT_BLOCKED);
    assertThat(PipedriveErrors.classify(cloudflare).outcome(cloudflare))
        .isInstanceOf(Outcome.Snooze.class);
    assertThat(
            PipedriveErrors.classify(
                    answer(403, "{\"success\":false,\"error\":\"Scope and URL mismatch\"}"))
                .kind())
        .isEqualTo(Kind.FAIL);
    assertThat(
            PipedriveErrors.classify(
                    answer(404, "{\"success\":false,\"error\":\"Organization not found\"}"))
                .kind())
        .isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void webhooksApiErrorsAreReadToo() {
    PipedriveResponse r =
        answer(
            400,
            "{\"status\":\"error\",\"success\":false,"
                + "\"errors\":{\"subscription_url\":[\"invalid or non-reachable URL\"]}}");
    assertThat(PipedriveErrors.message(r)).contains("invalid or non-reachable URL");
  }

  @Test
  void anUnreadableSuccessIsAmbiguous() {
    PipedriveResponse half =
        new PipedriveResponse(201, null, "{\"success\":tr", RateHeaders.NONE, null, 1, null);
    assertThat(half.ambiguous()).isTrue();
    assertThat(PipedriveErrors.classify(half).kind()).isEqualTo(Kind.RETRY);
  }
}
