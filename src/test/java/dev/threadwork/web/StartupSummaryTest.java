package dev.threadwork.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StartupSummaryTest {

    @Test
    void anH2UrlShowsTheDatabaseFileAsAnAbsolutePath() {
        assertThat(StartupSummary.database("jdbc:h2:file:./data/threadwork"))
                .isEqualTo("H2 " + Path.of("data/threadwork").toAbsolutePath().normalize() + ".mv.db");
        assertThat(StartupSummary.database("jdbc:h2:/srv/tw/db;MODE=PostgreSQL")).isEqualTo("H2 /srv/tw/db.mv.db");
    }

    @Test
    void aPostgresqlUrlShowsHostAndDatabaseButNeverCredentials() {
        assertThat(StartupSummary.database("jdbc:postgresql://db.internal:5432/threadwork?user=tw&password=hunter2"))
                .isEqualTo("PostgreSQL db.internal:5432/threadwork");
        assertThat(StartupSummary.database("jdbc:postgresql://tw:hunter2@db.internal/threadwork"))
                .isEqualTo("PostgreSQL db.internal/threadwork").doesNotContain("hunter2");
    }
}
