package org.opencrm.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketSpecTest {

    private static final String REGION = "cn-north-1";
    private static final String ACCOUNT = "123456789012";

    private static SamTemplate inline(String yaml) {
        return SamTemplate.of(CloudFormationYaml.read(new StringReader(yaml)), REGION, ACCOUNT);
    }

    private static S3Source source(String events, String filter) {
        SamTemplate template =
                inline(
                        """
                Resources:
                  Files: { Type: AWS::S3::Bucket, Properties: { BucketName: files } }
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Events:
                        Up: { Type: S3, Properties: { Bucket: !Ref Files, Events: %s %s } }
                """
                                .formatted(events, filter));
        return FunctionSpec.allIn(template).get(0).events(S3Source.class).get(0);
    }

    @Test
    void projectTemplate_declaresThePrivateFilesBucket_andTheUploadEventOnItsPrefix()
            throws Exception {
        // GIVEN the project's template
        SamTemplate template = SamTemplate.load(Path.of("../template.yaml"), REGION, ACCOUNT);

        // WHEN its buckets and functions are read
        List<BucketSpec> buckets = BucketSpec.allIn(template);
        FunctionSpec arrived =
                FunctionSpec.allIn(template).stream()
                        .filter(f -> f.logicalId().equals("FileArrivedFunction"))
                        .findFirst()
                        .orElseThrow();

        // THEN one bucket, named as every function's FILES_BUCKET says, with the app's CORS rule
        BucketSpec files = buckets.get(0);
        assertEquals(1, buckets.size());
        assertEquals("FilesBucket", files.logicalId());
        assertEquals("crm-dev-files-123456789012-cn-north-1", files.bucketName());
        assertEquals(files.bucketName(), arrived.environment().get("FILES_BUCKET"));
        assertEquals(List.of("PUT", "GET"), files.corsRules().get(0).allowedMethods());
        assertEquals(List.of("http://localhost:5173"), files.corsRules().get(0).allowedOrigins());
        // AND the upload event names that bucket with the uploads/ prefix
        S3Source uploaded = arrived.events(S3Source.class).get(0);
        assertEquals("FilesBucket", uploaded.bucketLogicalId());
        assertEquals(files.bucketName(), uploaded.bucketName());
        assertEquals(List.of("s3:ObjectCreated:*"), uploaded.events());
        assertEquals("uploads/", uploaded.keyPrefix());
        assertEquals("", uploaded.keySuffix());
    }

    @Test
    void s3Event_withAListOfEventsAndBothFilterRules_readsThemAll() {
        S3Source source =
                source(
                        "[s3:ObjectCreated:Put, s3:ObjectCreated:CompleteMultipartUpload]",
                        ", Filter: { S3Key: { Rules: [ { Name: prefix, Value: in/ }, { Name: suffix, Value: .csv } ] } }");

        assertEquals(
                List.of("s3:ObjectCreated:Put", "s3:ObjectCreated:CompleteMultipartUpload"),
                source.events());
        assertEquals("in/", source.keyPrefix());
        assertEquals(".csv", source.keySuffix());
        assertEquals("files", source.bucketName());
    }

    @Test
    void s3Event_wildcard_matchesEveryObjectCreatedKind_butNoOtherFamily() {
        S3Source source = source("s3:ObjectCreated:*", "");

        assertTrue(source.matches("ObjectCreated:Put", "a.txt"));
        assertTrue(source.matches("ObjectCreated:CompleteMultipartUpload", "a.txt"));
        assertFalse(source.matches("ObjectRemoved:Delete", "a.txt"));
    }

    @Test
    void s3Event_namingOneKind_matchesOnlyThatKind() {
        S3Source source = source("s3:ObjectCreated:Put", "");

        assertTrue(source.matches("ObjectCreated:Put", "a.txt"));
        assertFalse(source.matches("ObjectCreated:Copy", "a.txt"));
    }

    @Test
    void s3Event_filter_needsBothPrefixAndSuffix_caseSensitively() {
        S3Source source =
                source(
                        "s3:ObjectCreated:*",
                        ", Filter: { S3Key: { Rules: [ { Name: prefix, Value: in/ }, { Name: suffix, Value: .csv } ] } }");

        assertTrue(source.matches("ObjectCreated:Put", "in/leads.csv"));
        assertFalse(source.matches("ObjectCreated:Put", "out/leads.csv"));
        assertFalse(source.matches("ObjectCreated:Put", "in/leads.txt"));
        assertFalse(source.matches("ObjectCreated:Put", "IN/leads.csv"));
    }

    @Test
    void s3Event_whoseBucketIsNotARef_isReportedAsNotRunLocally() {
        SamTemplate template =
                inline(
                        """
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Events:
                        Up: { Type: S3, Properties: { Bucket: some-bucket, Events: s3:ObjectCreated:* } }
                """);

        FunctionEvent event = FunctionSpec.allIn(template).get(0).events().get(0);

        assertInstanceOf(OtherEvent.class, event);
    }

    @Test
    void bucketArn_resolvesFromItsName() {
        SamTemplate template =
                inline(
                        """
                Resources:
                  Files: { Type: AWS::S3::Bucket, Properties: { BucketName: !Sub "files-${AWS::Region}" } }
                """);

        assertEquals(
                "arn:aws:s3:::files-cn-north-1",
                template.resolveString(java.util.Map.of("Fn::GetAtt", List.of("Files", "Arn"))));
    }
}
