package org.opencrm.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FunctionSpecTest {

    private static final String REGION = "cn-north-1";
    private static final String ACCOUNT = "123456789012";

    private static SamTemplate inline(String yaml) {
        return SamTemplate.of(CloudFormationYaml.read(new StringReader(yaml)), REGION, ACCOUNT);
    }

    private static FunctionSpec function(List<FunctionSpec> functions, String logicalId) {
        return functions.stream()
                .filter(f -> f.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void projectTemplate_declaresTheGraphqlRouteBehindTheJwtAuthorizer_andTheAuditStream()
            throws Exception {
        SamTemplate template = SamTemplate.load(Path.of("../template.yaml"), REGION, ACCOUNT);
        List<FunctionSpec> functions = FunctionSpec.allIn(template);

        FunctionSpec api = function(functions, "GraphqlApiFunction");
        HttpApiRoute route = api.events(HttpApiRoute.class).get(0);
        assertEquals("POST /graphql", route.routeKey());
        assertEquals(Optional.of("CognitoJwt"), route.authorizer());
        assertEquals("dev", route.stage());
        assertEquals("crm-dev-customers", api.environment().get("CUSTOMERS_TABLE"));
        assertEquals(29, api.timeoutSeconds());

        StreamSource stream =
                function(functions, "AuditStreamFunction").events(StreamSource.class).get(0);
        assertEquals("CustomersTable", stream.tableLogicalId());
        assertEquals(100, stream.batchSize());
        assertEquals(StreamSource.UNLIMITED, stream.maximumRetryAttempts());
        assertTrue(stream.reportBatchItemFailures());
        assertTrue(stream.bisectBatchOnFunctionError());
        assertEquals(
                Optional.of("arn:aws:sqs:cn-north-1:123456789012:crm-dev-audit-redrive"),
                stream.onFailureDestination());
    }

    @Test
    void projectTemplate_feedsTheAuditStreamsOnFailureQueueToTheRedriveFunction() throws Exception {
        SamTemplate template = SamTemplate.load(Path.of("../template.yaml"), REGION, ACCOUNT);
        List<FunctionSpec> functions = FunctionSpec.allIn(template);

        SqsSource queue =
                function(functions, "AuditRedriveFunction").events(SqsSource.class).get(0);
        StreamSource stream =
                function(functions, "AuditStreamFunction").events(StreamSource.class).get(0);

        assertEquals(stream.onFailureDestination(), Optional.of(queue.queueArn()));
        assertEquals("AuditRedriveQueue", queue.queueLogicalId());
        assertTrue(queue.reportBatchItemFailures());
        assertEquals(360, queue.visibilityTimeoutSeconds());
        assertEquals(Optional.of(40), queue.maxReceiveCount());
        assertEquals(
                Optional.of("arn:aws:sqs:cn-north-1:123456789012:crm-dev-audit-redrive-dlq"),
                queue.deadLetterQueueArn());
    }

    @Test
    void sqsEvent_takesTheQueuesDefaults_whenTheQueueDeclaresNone() {
        SamTemplate template =
                inline(
                        """
                        Resources:
                          Jobs:
                            Type: AWS::SQS::Queue
                            Properties: { QueueName: jobs }
                          Worker:
                            Type: AWS::Serverless::Function
                            Properties:
                              Handler: a.B::handleRequest
                              Events:
                                Work:
                                  Type: SQS
                                  Properties: { Queue: !GetAtt Jobs.Arn }
                        """);

        SqsSource queue = FunctionSpec.allIn(template).get(0).events(SqsSource.class).get(0);

        assertEquals(10, queue.batchSize());
        assertEquals(30, queue.visibilityTimeoutSeconds());
        assertEquals(Optional.empty(), queue.maxReceiveCount());
        assertFalse(queue.reportBatchItemFailures());
    }

    @Test
    void functionsOverlayGlobals_andRoutesCanOptOutOfTheDefaultAuthorizer() {
        SamTemplate template =
                inline(
                        """
                Globals:
                  Function:
                    Timeout: 10
                    Environment: { Variables: { SHARED: one, NAME: global } }
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties: { Auth: { DefaultAuthorizer: Jwt } }
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Timeout: 5
                      Environment: { Variables: { NAME: own } }
                      Events:
                        Open: { Type: HttpApi, Properties: { ApiId: !Ref Api, Path: "/hook/{id}", Method: get, Auth: { Authorizer: NONE } } }
                        Tick: { Type: Schedule, Properties: { Schedule: rate(5 minutes) } }
                        Tock: { Type: ScheduleV2, Properties: { ScheduleExpression: "cron(0 1 * * ? *)", State: DISABLED } }
                        Queue: { Type: SQS, Properties: { Queue: arn:aws:sqs:x } }
                """);
        FunctionSpec fn = FunctionSpec.allIn(template).get(0);

        assertEquals("a.B", fn.handlerClass());
        assertEquals("handleRequest", fn.handlerMethod());
        assertEquals(5, fn.timeoutSeconds());
        assertEquals(Map.of("SHARED", "one", "NAME", "own"), fn.environment());
        HttpApiRoute route = fn.events(HttpApiRoute.class).get(0);
        assertEquals("GET /hook/{id}", route.routeKey());
        assertEquals(Optional.empty(), route.authorizer());
        List<ScheduleSource> schedules = fn.events(ScheduleSource.class);
        assertEquals("rate(5 minutes)", schedules.get(0).expression());
        assertTrue(schedules.get(0).enabled());
        assertFalse(schedules.get(1).enabled());
        assertInstanceOf(OtherEvent.class, fn.events().get(3));
    }

    @Test
    void environmentVariableThatCannotBeResolvedLocally_isRefusedWithItsName() {
        SamTemplate template =
                inline(
                        """
                Resources:
                  T: { Type: AWS::DynamoDB::Table, Properties: { TableName: things } }
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B::handle
                      Environment: { Variables: { STREAM: !GetAtt T.StreamArn } }
                """);
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> FunctionSpec.allIn(template));
        assertTrue(error.getMessage().contains("STREAM"), error.getMessage());
    }
}
