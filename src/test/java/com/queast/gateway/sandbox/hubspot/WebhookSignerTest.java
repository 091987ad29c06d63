package com.queast.gateway.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The sandbox's own HubSpot signer against the vendor's published test vectors, so the stand-in
 * signs like HubSpot without borrowing the product's verifier.
 *
 * <p>Sources: v1 — https://developers.hubspot.com/docs/faq/v1-request-validation (example "for a
 * request with a body"); v2 — https://developers.hubspot.com/docs/faq/v2-request-validation (GET
 * and POST examples); v3 and the single-quoted SDK bodies — HubSpot/hubspot-api-python
 * tests/spec/utils/test_signature.py; the v3 URI decoding table —
 * https://developers.hubspot.com/docs/api/webhooks/validating-requests. Collected with their
 * sources in the vendor notes (hubspot.md §7.5).
 */
class WebhookSignerTest {

  private static final String SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
  private static final String URI = "https://www.example.com/webhook_uri";
  private static final String DOCS_BODY =
      "[{\"eventId\":1,\"subscriptionId\":12345,\"portalId\":62515,\"occurredAt\":1564113600000,"
          + "\"subscriptionType\":\"contact.creation\",\"attemptNumber\":0,\"objectId\":123,"
          + "\"changeSource\":\"CRM\",\"changeFlag\":\"NEW\",\"appId\":54321}]";
  private static final String SDK_BODY = "{'example_field':'example_value'}";

  private final WebhookSigner signer = new WebhookSigner(SECRET);

  @Test
  void v1ReproducesTheDocsExampleAndTheSdkVector() {
    assertThat(signer.v1(DOCS_BODY))
        .isEqualTo("232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de");
    assertThat(signer.v1(SDK_BODY))
        .isEqualTo("69fc6631a867edd4f9e9e627fc5c1148e3fbdd8b21837b6d2b8901c1fa57f750");
  }

  @Test
  void v2ReproducesTheDocsGetAndPostExamplesAndTheSdkVector() {
    assertThat(signer.v2("GET", URI, ""))
        .isEqualTo("eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e");
    assertThat(signer.v2("POST", URI, "{\"example_field\":\"example_value\"}"))
        .isEqualTo("9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900");
    assertThat(signer.v2("POST", URI, SDK_BODY))
        .isEqualTo("4fe4e3a7d3cf09db53be39d0a58130e2aaba074ec123a9e355b876a689a1c383");
  }

  @Test
  void v3ReproducesTheSdkVector() {
    assertThat(signer.v3("POST", URI, SDK_BODY, "15000000"))
        .isEqualTo("HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=");
  }

  @Test
  void v3DecodesOnlyTheEscapesTheDocsListInEitherCase() {
    assertThat(WebhookSigner.decodeForV3("https://h.example/p?a=x%3Ay%20z%2fw%2"))
        .isEqualTo("https://h.example/p?a=x:y%20z/w%2");
    String encoded = "https://example.com/hubspot/webhook?portal=62515&tag=a%3Ab%20c";
    String decoded = "https://example.com/hubspot/webhook?portal=62515&tag=a:b%20c";
    assertThat(signer.v3("POST", encoded, DOCS_BODY, "1564113600000"))
        .isEqualTo(signer.v3("POST", decoded, DOCS_BODY, "1564113600000"))
        .isNotEqualTo(signer.v3("POST", decoded, DOCS_BODY, "1564113600001"));
  }
}
