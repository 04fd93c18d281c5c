package dev.threadwork.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownToMrkdwnTest {

    @Test
    void convertsEmphasisLinksHeadingsAndLists() {
        String markdown = String.join("\n",
                "# Result",
                "The build is **green** now, *finally* and ~~not~~ broken.",
                "- see [the PR](https://github.com/o/r/pull/1)",
                "1. first",
                "> quoted");

        assertThat(MarkdownToMrkdwn.convert(markdown)).isEqualTo(String.join("\n",
                "*Result*",
                "The build is *green* now, _finally_ and ~not~ broken.",
                "• see <https://github.com/o/r/pull/1|the PR>",
                "1. first",
                "> quoted"));
    }

    @Test
    void leavesCodeAloneButForSlacksEscapes() {
        String markdown = "Run `a **b** < c`:\n```java\nif (a < b && **c**) {}\n```";

        assertThat(MarkdownToMrkdwn.convert(markdown))
                .isEqualTo("Run `a **b** &lt; c`:\n```\nif (a &lt; b &amp;&amp; **c**) {}\n```");
    }

    @Test
    void tablesBecomeCodeBlocksAndUnclosedFencesAreClosed() {
        assertThat(MarkdownToMrkdwn.convert("| a | b |\n|---|---|\n| 1 | 2 |\nafter"))
                .isEqualTo("```\n| a | b |\n| 1 | 2 |\n```\nafter");
        assertThat(MarkdownToMrkdwn.convert("```\nunclosed")).isEqualTo("```\nunclosed\n```");
    }

    @Test
    void escapesPlainTextButNotTheLinksItMakes() {
        assertThat(MarkdownToMrkdwn.convert("x < y & [a&b](https://e.com/?q=1&r=2)"))
                .isEqualTo("x &lt; y &amp; <https://e.com/?q=1&r=2|a&amp;b>");
    }

    @Test
    void neverThrowsOnOddInput() {
        for (String odd : new String[] {"**", "*", "[", "](", "```", "| |", "# ", "\u0000\u0007", "***x***", "_"}) {
            assertThat(MarkdownToMrkdwn.convert(odd)).isNotNull();
        }
    }
}
