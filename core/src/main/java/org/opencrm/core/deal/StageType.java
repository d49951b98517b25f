package org.opencrm.core.deal;

/** Whether a stage is still being worked, won or lost. */
public enum StageType {
    OPEN,
    WON,
    LOST
}
