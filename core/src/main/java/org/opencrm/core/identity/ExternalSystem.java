package org.opencrm.core.identity;

import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/** The systems whose ids a customer carries. */
public enum ExternalSystem {
    ERP,
    SERVICE_DESK,
    WECHAT_OPENID,
    WECHAT_UNIONID;

    public static final int ID_MAX = 128;

    /** The id trimmed; blank means "remove"; over {@link #ID_MAX} characters is refused. */
    public static String checkedId(String externalId) {
        if (externalId == null || externalId.isBlank()) {
            return null;
        }
        String value = externalId.strip();
        if (value.length() > ID_MAX) {
            throw new ValidationException(
                    FieldProblem.tooLong("externalId", ID_MAX, value.length()));
        }
        return value;
    }
}
