package dev.threadwork.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageSplitterTest {

    @Test
    void shortTextIsOnePart() {
        assertThat(MessageSplitter.split("hello", 100)).containsExactly("hello");
    }

    @Test
    void longTextIsSplitAtParagraphsWithoutLosingAnything() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            text.append("Paragraph ").append(i).append(" has some words in it.\n\n");
        }
        List<String> parts = MessageSplitter.split(text.toString().strip(), 500);

        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(500));
        assertThat(String.join("", parts).replaceAll("\\s", "")).isEqualTo(text.toString().replaceAll("\\s", ""));
        assertThat(parts.get(1)).startsWith("Paragraph");
    }

    @Test
    void aCodeBlockCutInTwoIsClosedAndReopened() {
        StringBuilder code = new StringBuilder("Here:\n```\n");
        for (int i = 0; i < 100; i++) {
            code.append("line ").append(i).append(" of the code\n");
        }
        code.append("```\nDone.");

        List<String> parts = MessageSplitter.split(code.toString(), 400);

        assertThat(parts).hasSizeGreaterThan(2).allSatisfy(part -> {
            assertThat(part.length()).isLessThanOrEqualTo(400);
            assertThat(part.split("```", -1).length % 2).as("balanced fences in %s", part).isEqualTo(1);
        });
        String joined = String.join("\n", parts).replace("```", "").replaceAll("\\s", "");
        assertThat(joined).isEqualTo(code.toString().replace("```", "").replaceAll("\\s", ""));
    }

    @Test
    void textWithoutBreaksIsCutAtTheLimit() {
        List<String> parts = MessageSplitter.split("x".repeat(1_000), 300);

        assertThat(parts).allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(300));
        assertThat(String.join("", parts)).hasSize(1_000);
    }
}
