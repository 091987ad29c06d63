package com.queast.gateway.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class JobNotifierIT {

  @Test
  void listenerRecoversAfterItsBackendIsTerminated(TestDatabase db) {
    Vertx vertx = Vertx.vertx();
    List<String> heard = new CopyOnWriteArrayList<>();
    JobNotifier notifier =
        new JobNotifier(
            vertx, db.url().connectOptions(), 50, 500, lane -> heard.add(String.valueOf(lane)));
    try {
      notifier.start().await().atMost(Duration.ofSeconds(10));
      await().atMost(Duration.ofSeconds(5)).until(notifier::alive);
      db.exec("SELECT pg_notify('" + JobStore.CHANNEL + "', 'lane-a')");
      await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains("lane-a"));

      int pid = notifier.backendPid();
      assertThat(pid).isPositive();
      db.exec("SELECT pg_terminate_backend(" + pid + ")");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> notifier.alive() && notifier.backendPid() != pid);
      // A resubscription tells the listener to look everywhere ("null"), since notifications were
      // lost meanwhile.
      assertThat(heard.stream().filter("null"::equals).count()).isGreaterThanOrEqualTo(2);

      db.exec("SELECT pg_notify('" + JobStore.CHANNEL + "', 'lane-b')");
      await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains("lane-b"));
    } finally {
      notifier.close().await().indefinitely();
      vertx.closeAndAwait();
    }
  }

  @Test
  void reconnectDelayDoublesAndIsCapped() {
    Vertx vertx = Vertx.vertx();
    try {
      JobNotifier n =
          new JobNotifier(vertx, new io.vertx.pgclient.PgConnectOptions(), 100, 5000, lane -> {});
      assertThat(n.delay(0)).isEqualTo(100);
      assertThat(n.delay(1)).isEqualTo(200);
      assertThat(n.delay(5)).isEqualTo(3200);
      assertThat(n.delay(6)).isEqualTo(5000);
      assertThat(n.delay(1000)).isEqualTo(5000);
    } finally {
      vertx.closeAndAwait();
    }
  }
}
