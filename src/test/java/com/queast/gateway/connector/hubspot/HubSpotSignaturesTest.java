package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The vendor's published signature vectors (vendor notes §7.5). */
class HubSpotSignaturesTest {

  private static final String SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
  private static final String DOC_BODY =
      "[{\"eventId\":1,\"subscriptionId\":12345,\"portalId\":62515,\"occurredAt\":1564113600000,"
          + "\"subscriptionType\":\"contact.creation\",\"attemptNumber\":0,\"objectId\":123,"
          + "\"changeSource\":\"CRM\",\"changeFlag\":\"NEW\",\"appId\":54321}]";
  private static final String URI = "https://www.example.com/webhook_uri";
  private static final String SDK_BODY = "{'example_field':'example_value'}";

  @Test
  void v3ReproducesThePublishedSdkVector() {
    assertThat(HubSpotSignatures.v3(SECRET, "POST", URI, SDK_BODY, "15000000"))
        .isEqualTo("HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=");
  }

  @Test
  void v3MatchesTheComputedVectorOverTheDocsBody() {
    assertThat(HubSpotSignatures.v3(SECRET, "POST", URI, DOC_BODY, "1564113600000"))
        .isEqualTo("DxmVAjFNa2xfF3YgQjdZP6TNcok9k1oaH7UXombPtvw=");
  }

  @Test
  void v3DecodesOnlyTheListedCharactersOfTheUri() {
    String received = "https://example.com/hubspot/webhook?portal=62515&tag=a%3Ab%20c";
    assertThat(HubSpotSignatures.decodeV3Uri(received))
        .isEqualTo("https://example.com/hubspot/webhook?portal=62515&tag=a:b%20c");
    assertThat(HubSpotSignatures.v3(SECRET, "POST", received, DOC_BODY, "1564113600000"))
        .isEqualTo("u6pO42s6S0znWqXk5O8GgTy77HACojYLoO1WbAhlfPM=");
  }

  @Test
  void v1ReproducesThePublishedDocsAndSdkVectors() {
    assertThat(HubSpotSignatures.v1(SECRET, DOC_BODY))
        .isEqualTo("232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de");
    assertThat(HubSpotSignatures.v1(SECRET, SDK_BODY))
        .isEqualTo("69fc6631a867edd4f9e9e627fc5c1148e3fbdd8b21837b6d2b8901c1fa57f750");
  }

  @Test
  void v2ReproducesThePublishedGetAndPostVectors() {
    assertThat(HubSpotSignatures.v2(SECRET, "GET", URI, ""))
        .isEqualTo("eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e");
    assertThat(HubSpotSignatures.v2(SECRET, "POST", URI, "{\"example_field\":\"example_value\"}"))
        .isEqualTo("9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900");
    assertThat(HubSpotSignatures.v2(SECRET, "POST", URI, SDK_BODY))
        .isEqualTo("4fe4e3a7d3cf09db53be39d0a58130e2aaba074ec123a9e355b876a689a1c383");
  }

  @Test
  void verifyV3RejectsStaleTimestampsAndTamperedBodies() {
    String ts = "1564113600000";
    String sig = HubSpotSignatures.v3(SECRET, "POST", URI, DOC_BODY, ts);
    long fresh = 1564113600000L + 299_000;
    assertThat(HubSpotSignatures.verifyV3(SECRET, "POST", URI, DOC_BODY, ts, sig, fresh)).isTrue();
    assertThat(HubSpotSignatures.verifyV3(SECRET, "POST", URI, DOC_BODY, ts, sig, fresh + 2_000))
        .isFalse();
    assertThat(HubSpotSignatures.verifyV3(SECRET, "POST", URI, DOC_BODY + " ", ts, sig, fresh))
        .isFalse();
    assertThat(HubSpotSignatures.verifyV3(SECRET, "POST", URI, DOC_BODY, "x", sig, fresh))
        .isFalse();
  }
}
