package com.ivpstudio.language;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Dates, times and numbers as the user's locale writes them: one format per kind on every screen, so a page never
 * mixes 11/30/2026 with 2026-09-13. Views pass their component's {@code getLocale()}.
 */
public final class UserFormats {

    private UserFormats() {
    }

    public static String date(LocalDate date, Locale locale) {
        return date == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(date);
    }

    public static String date(Instant instant, ZoneId zone, Locale locale) {
        return instant == null ? "" : date(instant.atZone(zone).toLocalDate(), locale);
    }

    public static String dateTime(Instant instant, ZoneId zone, Locale locale) {
        return instant == null ? ""
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                        .format(instant.atZone(zone));
    }

    /** A time of day with seconds (a clock that visibly moves on a page refreshed every few seconds). */
    public static String time(Instant instant, ZoneId zone, Locale locale) {
        return instant == null ? ""
                : DateTimeFormatter.ofLocalizedTime(FormatStyle.MEDIUM).withLocale(locale).format(instant.atZone(zone));
    }

    public static String number(double value, int fractionDigits, Locale locale) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(fractionDigits);
        format.setMaximumFractionDigits(fractionDigits);
        return format.format(value);
    }

    public static String percent(double fraction, Locale locale) {
        NumberFormat format = NumberFormat.getPercentInstance(locale);
        format.setMaximumFractionDigits(0);
        return format.format(fraction);
    }
}
