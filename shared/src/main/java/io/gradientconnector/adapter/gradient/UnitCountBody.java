package io.gradientconnector.adapter.gradient;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/** Wire body of the count routes; {@code unitCount} is always sent, 0 included, never in exponent form. */
record UnitCountBody(String accountId, @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal unitCount) {
}
