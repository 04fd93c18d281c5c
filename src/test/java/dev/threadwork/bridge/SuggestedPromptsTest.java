package dev.threadwork.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SuggestedPromptsTest {

    @Test
    void anAdminsListBecomesTitledPromptsSplitAtTheFirstColon() {
        assertThat(SuggestedPrompts.parse("Triage: Triage the open incidents | Timeline: Write it: minute by minute\nReview"))
                .containsExactly(new SuggestedPrompts.Prompt("Triage", "Triage the open incidents"),
                        new SuggestedPrompts.Prompt("Timeline", "Write it: minute by minute"),
                        new SuggestedPrompts.Prompt("Review", "Review"));
    }

    @Test
    void moreThanFourEmptyOrUntitledPromptsAreRefusedWithAReason() {
        assertThatThrownBy(() -> SuggestedPrompts.parse("a|b|c|d|e")).hasMessageContaining("at most 4");
        assertThatThrownBy(() -> SuggestedPrompts.parse(" | ")).hasMessageContaining("one to four");
        assertThatThrownBy(() -> SuggestedPrompts.parse(": no title")).hasMessageContaining("title and a message");
        assertThatThrownBy(() -> SuggestedPrompts.parse("x".repeat(80) + ": long")).hasMessageContaining("at most 75");
    }

    @Test
    void theBuiltInPromptsFitSlacksLimit() {
        assertThat(SuggestedPrompts.DEFAULTS).hasSizeLessThanOrEqualTo(SuggestedPrompts.MAX)
                .allSatisfy(p -> assertThat(p.title()).hasSizeLessThanOrEqualTo(75));
    }
}
