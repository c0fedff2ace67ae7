package com.ivpstudio.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class UserFormatsTest {

    @Test
    void oneDateIsWrittenAsEachLocaleWritesIt() {
        LocalDate date = LocalDate.of(2026, 9, 13);
        assertThat(UserFormats.date(date, Locale.UK)).isEqualTo("13 Sept 2026");
        assertThat(UserFormats.date(date, Locale.GERMANY)).isEqualTo("13.09.2026");
        assertThat(UserFormats.date(date, Locale.US)).isEqualTo("Sep 13, 2026");
    }

    @Test
    void numbersUseTheLocalesDecimalMark() {
        assertThat(UserFormats.number(19.456, 1, Locale.GERMAN)).isEqualTo("19,5");
        assertThat(UserFormats.number(19.456, 1, Locale.ENGLISH)).isEqualTo("19.5");
        assertThat(UserFormats.percent(0.5, Locale.GERMAN)).isEqualTo("50\u00a0%");
    }
}
