package org.opencrm.core.error;

import java.util.Map;

public final class NotFoundException extends CrmException {

    private final String id;

    public NotFoundException(String type, String id) {
        super(type + " " + id + " not found");
        this.id = id;
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.NOT_FOUND;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("id", id);
    }
}
