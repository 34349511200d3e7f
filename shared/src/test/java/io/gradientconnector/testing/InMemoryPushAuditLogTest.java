package io.gradientconnector.testing;

import io.gradientconnector.port.PushAuditLog;
import io.gradientconnector.port.PushAuditLogContract;

class InMemoryPushAuditLogTest extends PushAuditLogContract {
    @Override
    protected PushAuditLog newAuditLog() {
        return new InMemoryPushAuditLog();
    }
}
