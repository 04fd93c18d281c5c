package dev.threadwork.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/** The turn's cost: the API's own list cost when it reports one, else an estimate from list prices. */
public final class CostEstimator {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final BigDecimal inputPerMillion;
    private final BigDecimal outputPerMillion;

    public CostEstimator(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
        this.inputPerMillion = inputPerMillion;
        this.outputPerMillion = outputPerMillion;
    }

    public BigDecimal estimate(long inputTokens, long outputTokens) {
        return inputPerMillion.multiply(BigDecimal.valueOf(inputTokens))
                .add(outputPerMillion.multiply(BigDecimal.valueOf(outputTokens)))
                .divide(MILLION, 6, RoundingMode.HALF_UP);
    }

    public BigDecimal cost(Optional<BigDecimal> listCost, long inputTokens, long outputTokens) {
        return listCost.orElseGet(() -> estimate(inputTokens, outputTokens));
    }

    /** "$0.05", or "~$0.05" for an estimate. */
    public String format(Optional<BigDecimal> listCost, long inputTokens, long outputTokens) {
        BigDecimal cost = cost(listCost, inputTokens, outputTokens);
        String amount = "$" + cost.setScale(cost.compareTo(BigDecimal.ONE) < 0 ? 3 : 2, RoundingMode.HALF_UP).toPlainString();
        return listCost.isPresent() ? amount : "~" + amount;
    }
}
