package io.outbound.campaign.internal.local;

import java.time.LocalDate;
import java.time.Month;

/**
 * Decides whether a date is a French public holiday ({@code jour férié}), on which France forbids unsolicited
 * telephone canvassing.
 *
 * <p>The eleven holidays of Code du travail art. L3133-1: 1 January, Easter Monday, 1 May, 8 May, Ascension
 * (Easter + 39 days), Whit Monday (Easter + 50 days), 14 July, 15 August, 1 November, 11 November and
 * 25 December. Alsace-Moselle's two extra days (Good Friday and 26 December) are not included: a number's
 * department is not known from its zone. Nor are the holidays specific to overseas departments.
 */
public final class FrenchHolidays {

    private FrenchHolidays() {
    }

    /** Whether {@code date} is one of the eleven national public holidays. */
    public static boolean isHoliday(LocalDate date) {
        switch (date.getMonth()) {
            case JANUARY:
                if (date.getDayOfMonth() == 1) {
                    return true;
                }
                break;
            case MAY:
                if (date.getDayOfMonth() == 1 || date.getDayOfMonth() == 8) {
                    return true;
                }
                break;
            case JULY:
                if (date.getDayOfMonth() == 14) {
                    return true;
                }
                break;
            case AUGUST:
                if (date.getDayOfMonth() == 15) {
                    return true;
                }
                break;
            case NOVEMBER:
                if (date.getDayOfMonth() == 1 || date.getDayOfMonth() == 11) {
                    return true;
                }
                break;
            case DECEMBER:
                if (date.getDayOfMonth() == 25) {
                    return true;
                }
                break;
            default:
                break;
        }
        // Easter Monday falls from 23 March, Whit Monday by 14 June: no movable holiday outside those months.
        Month month = date.getMonth();
        if (month.compareTo(Month.MARCH) < 0 || month.compareTo(Month.JUNE) > 0) {
            return false;
        }
        long sinceEaster = date.toEpochDay() - easterSunday(date.getYear()).toEpochDay();
        return sinceEaster == 1 || sinceEaster == 39 || sinceEaster == 50;
    }

    /**
     * Easter Sunday of a Gregorian year, by the anonymous Gregorian computus (the Meeus/Jones/Butcher
     * algorithm): the first Sunday after the ecclesiastical full moon on or after 21 March.
     *
     * @param year a year of the Gregorian calendar (1583 on)
     */
    public static LocalDate easterSunday(int year) {
        int golden = year % 19;
        int century = year / 100;
        int yearOfCentury = year % 100;
        int leapCenturies = century / 4;
        int centuryRemainder = century % 4;
        int moonCorrection = (century + 8) / 25;
        int solarCorrection = (century - moonCorrection + 1) / 3;
        // Days from 21 March to the paschal full moon, then to the following Sunday.
        int epact = (19 * golden + century - leapCenturies - solarCorrection + 15) % 30;
        int leapYears = yearOfCentury / 4;
        int yearRemainder = yearOfCentury % 4;
        int toSunday = (32 + 2 * centuryRemainder + 2 * leapYears - epact - yearRemainder) % 7;
        int correction = (golden + 11 * epact + 22 * toSunday) / 451;
        int daysAfterMarchTwentySecond = epact + toSunday - 7 * correction;
        return LocalDate.of(year, Month.MARCH, 22).plusDays(daysAfterMarchTwentySecond);
    }
}
