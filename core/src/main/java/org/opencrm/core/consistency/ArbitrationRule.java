package org.opencrm.core.consistency;

/** How a consistency report's differences are settled when asked to. */
public enum ArbitrationRule {
    /** Each differing field takes the value of the side that changed it last, by source stamps. */
    LATEST_WINS
}
