package org.opencrm.core.leadwork;

/**
 * The scheduled safety nets of lead work: the open-lead recount per rep, the check that
 * every open lead is somewhere, and the pool-age reminders.
 */
public record LeadChecks(
        LeadRecount recount, LeadWhereabouts whereabouts, PoolReminders poolReminders) {}
