package com.queast.gateway.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The receiver's own rule: the in-flight cap (the vendors' rules are in their connectors). */
class WebhookReceiverTest {

  @Test
  void theReceiptGateAdmitsUpToItsLimitAndAgainOnceOneLeaves() {
    ReceiptGate.Counter c = new ReceiptGate(2, 1, Duration.ofSeconds(3), 1).counter();
    assertThat(c.tryEnter()).isTrue();
    assertThat(c.tryEnter()).isTrue();
    assertThat(c.tryEnter()).isFalse();
    c.leave();
    assertThat(c.tryEnter()).isTrue();
    assertThat(c.inFlight()).isEqualTo(2);
  }
}
