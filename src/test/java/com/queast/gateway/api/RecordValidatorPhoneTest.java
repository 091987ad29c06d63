package com.queast.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.record.RecordType;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The optional company {@code phone} (issue 15, item 3): validated like the person's. */
class RecordValidatorPhoneTest {

  @Test
  void aCompanyMayCarryAPhoneNumber() {
    List<FieldError> errors = new ArrayList<>();
    JsonObject clean =
        RecordValidator.validate(
            RecordType.COMPANY,
            "",
            new JsonObject().put("name", "Tessaro Logistics").put("phone", " +49 30 12345678 "),
            List.of(),
            errors);
    assertThat(errors).isEmpty();
    assertThat(clean.getString("phone")).isEqualTo("+49 30 12345678");
  }

  @Test
  void aPhoneThatIsNotAShortStringIsAnErrorNamingTheField() {
    List<FieldError> errors = new ArrayList<>();
    JsonObject clean =
        RecordValidator.validate(
            RecordType.COMPANY,
            "items[2].",
            new JsonObject().put("name", "Tessaro Logistics").put("phone", "1".repeat(65)),
            List.of(),
            errors);
    assertThat(clean).isNull();
    assertThat(errors)
        .extracting(FieldError::field, FieldError::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("items[2].phone", "max_length"));

    errors.clear();
    RecordValidator.validate(
        RecordType.COMPANY,
        "",
        new JsonObject().put("name", "Tessaro Logistics").put("phone", 4930123),
        List.of(),
        errors);
    assertThat(errors)
        .extracting(FieldError::field, FieldError::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("phone", "type"));
  }
}
