package org.opencrm.core.calendar;

import java.util.List;

/**
 * China's public holidays and 调休 make-up working days, the default of {@code workingCalendar}.
 *
 * <p>2026: 国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04, released by Xinhua (reprinted e.g. at
 * https://politics.gmw.cn/2025-11/04/content_38391083.htm). Each holiday block is listed whole
 * (weekend days in it are harmless); the make-up days are weekend days worked.
 *
 * <p>2027 is left out on purpose: its notice could not be confirmed when this was written. An
 * administrator adds it through the configuration when the State Council publishes it.
 */
final class ChinaHolidays {

    static final List<String> HOLIDAYS =
            List.of(
                    // 元旦: Jan 1 (Thu) - 3 (Sat)
                    "2026-01-01",
                    "2026-01-02",
                    "2026-01-03",
                    // 春节: Feb 15 (Sun) - 23 (Mon)
                    "2026-02-15",
                    "2026-02-16",
                    "2026-02-17",
                    "2026-02-18",
                    "2026-02-19",
                    "2026-02-20",
                    "2026-02-21",
                    "2026-02-22",
                    "2026-02-23",
                    // 清明节: Apr 4 (Sat) - 6 (Mon)
                    "2026-04-04",
                    "2026-04-05",
                    "2026-04-06",
                    // 劳动节: May 1 (Fri) - 5 (Tue)
                    "2026-05-01",
                    "2026-05-02",
                    "2026-05-03",
                    "2026-05-04",
                    "2026-05-05",
                    // 端午节: Jun 19 (Fri) - 21 (Sun)
                    "2026-06-19",
                    "2026-06-20",
                    "2026-06-21",
                    // 中秋节: Sep 25 (Fri) - 27 (Sun)
                    "2026-09-25",
                    "2026-09-26",
                    "2026-09-27",
                    // 国庆节: Oct 1 (Thu) - 7 (Wed)
                    "2026-10-01",
                    "2026-10-02",
                    "2026-10-03",
                    "2026-10-04",
                    "2026-10-05",
                    "2026-10-06",
                    "2026-10-07");

    static final List<String> MAKE_UP_DAYS =
            List.of(
                    "2026-01-04", // Sun, for 元旦
                    "2026-02-14", // Sat, for 春节
                    "2026-02-28", // Sat, for 春节
                    "2026-05-09", // Sat, for 劳动节
                    "2026-09-20", // Sun, for 国庆节
                    "2026-10-10"); // Sat, for 国庆节

    private ChinaHolidays() {}
}
