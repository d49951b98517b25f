package org.opencrm.infra.functions;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.opencrm.infra.aws.LocalAws;

/** The Lambda {@link Context} of one local invocation. */
final class LocalContext implements Context {

    private final String requestId;
    private final String functionName;
    private final int memoryMb;
    private final Instant deadline;
    private final Clock clock;
    private final LambdaLogger logger;

    LocalContext(
            String requestId, String functionName, int memoryMb, Instant deadline, Clock clock) {
        this.requestId = requestId;
        this.functionName = functionName;
        this.memoryMb = memoryMb;
        this.deadline = deadline;
        this.clock = clock;
        this.logger = new StderrLogger(functionName, requestId);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "crm-local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:"
                + LocalAws.REGION
                + ":"
                + LocalAws.ACCOUNT_ID
                + ":function:"
                + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadline.toEpochMilli() - clock.millis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    private record StderrLogger(String functionName, String requestId) implements LambdaLogger {
        @Override
        public void log(String message) {
            System.err.println("[" + functionName + " " + requestId + "] " + message);
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    }
}
