package com.queast.gateway.common;

/**
 * One bad field of a request.
 *
 * @param field JSON pointer-like path, e.g. {@code items[3].name}
 * @param rule the rule broken, e.g. {@code required}, {@code max_length}, {@code type}
 * @param message human-readable explanation
 */
public record FieldError(String field, String rule, String message) {}
