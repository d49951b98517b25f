package org.opencrm.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnreadCountTest {

    @Test
    void count_isExactAndNotCapped_whenTheWholeInboxFitsTheWindow() {
        // GIVEN five notifications, newest first, two of them read
        List<Boolean> readFlags = List.of(false, true, false, true, false);

        // WHEN the badge is made of them
        UnreadCount badge = UnreadCount.of(readFlags, false);

        // THEN
        assertEquals(new UnreadCount(3, false), badge);
    }

    @Test
    void count_looksAtTheNewest100Only_andSaysSo_whenTheQueryReturnedOneMore() {
        // GIVEN 101 notifications read from the newest: all unread but the 101st, which is read
        List<Boolean> readFlags = new ArrayList<>(Collections.nCopies(100, false));
        readFlags.add(true);

        // WHEN
        UnreadCount badge = UnreadCount.of(readFlags, true);

        // THEN 100 counted, and the badge says older ones were not looked at
        assertEquals(new UnreadCount(100, true), badge);
    }

    @Test
    void theOneBeyondTheWindow_isNotCounted_evenWhenUnread() {
        // GIVEN the newest 100 all read, the 101st unread
        List<Boolean> readFlags = new ArrayList<>(Collections.nCopies(100, true));
        readFlags.add(false);

        // WHEN
        UnreadCount badge = UnreadCount.of(readFlags, true);

        // THEN
        assertEquals(new UnreadCount(0, true), badge);
    }

    @Test
    void badge_isCapped_whenTheQueryStoppedShortOfTheWindow() {
        // GIVEN a query page that ended early (DynamoDB's 1 MB page) with more to read
        List<Boolean> readFlags = List.of(false, false);

        // WHEN
        UnreadCount badge = UnreadCount.of(readFlags, true);

        // THEN what was read is counted, and the badge does not claim to be complete
        assertEquals(new UnreadCount(2, true), badge);
    }

    @Test
    void emptyInbox_countsNothing_andIsComplete() {
        assertEquals(new UnreadCount(0, false), UnreadCount.of(List.of(), false));
    }
}
