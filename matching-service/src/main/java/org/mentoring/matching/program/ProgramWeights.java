package org.mentoring.matching.program;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import org.mentoring.matching.engine.Weights;

/**
 * How much each score component counts in this programme, each in [0, 1]; the engine's constants (working-hour
 * overlap, rating prior) stay at their defaults.
 */
public record ProgramWeights(
        @NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double goals,
        @NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double seniority,
        @NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double perspective,
        @NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double workingHours,
        @NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double capacity,
        @NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double quality) {

    public static final ProgramWeights DEFAULTS = of(Weights.DEFAULTS);

    public static ProgramWeights of(Weights w) {
        return new ProgramWeights(w.goals(), w.seniority(), w.perspective(), w.workingHours(), w.capacity(),
                w.quality());
    }

    public double sum() {
        return goals + seniority + perspective + workingHours + capacity + quality;
    }

    public Weights toEngine() {
        Weights d = Weights.DEFAULTS;
        return new Weights(goals, seniority, perspective, workingHours, capacity, quality, d.fullOverlapHours(),
                d.qualityPriorMean(), d.qualityPriorWeight());
    }
}
