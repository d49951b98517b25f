package org.opencrm.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.FieldProblem;

/** What each purpose accepts, without I/O. */
class UploadRulesTest {

    private static final String SHA = "a".repeat(64);

    private static UploadRequest attachment(String contentType, long size) {
        return UploadRequest.builder()
                .purpose(UploadPurpose.ATTACHMENT)
                .fileName("法律意见书 v2.pdf")
                .contentType(contentType)
                .size(size)
                .sha256(SHA)
                .entityId("customer-1")
                .kind("LEGAL_OPINION")
                .build();
    }

    private static UploadRequest leadImport(String channel, String contentType, long size) {
        return UploadRequest.builder()
                .purpose(UploadPurpose.LEAD_IMPORT)
                .fileName("leads.csv")
                .contentType(contentType)
                .size(size)
                .channel(channel)
                .build();
    }

    private static FieldProblem only(UploadRequest request) {
        List<FieldProblem> problems = UploadRules.problems(request);
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    @Test
    void aPdfAttachmentOfTwentyMegabytes_isAccepted() {
        assertEquals(List.of(), UploadRules.problems(attachment("application/pdf", 20L << 20)));
    }

    @Test
    void anAttachmentOneByteOverTwentyMegabytes_isRefusedOnSize_withTheLimit() {
        FieldProblem problem = only(attachment("application/pdf", (20L << 20) + 1));

        assertEquals("size", problem.field());
        assertEquals("maxSize", problem.rule());
        assertEquals(20L << 20, problem.limit());
    }

    @Test
    void anEmptyFile_isRefusedOnSize() {
        FieldProblem problem = only(attachment("application/pdf", 0));

        assertEquals("size", problem.field());
        assertEquals("minSize", problem.rule());
    }

    @Test
    void aCsvAttachment_isRefusedOnContentType_listingTheAllowedTypes() {
        FieldProblem problem = only(attachment("text/csv", 100));

        assertEquals("contentType", problem.field());
        assertEquals("allowedContentType", problem.rule());
        assertTrue(((List<?>) problem.limit()).contains("application/pdf"), problem.toString());
    }

    @Test
    void aLeadImport_acceptsTheTypesBrowsersGiveACsv_upToFiftyMegabytes() {
        for (String type : List.of("text/csv", "application/vnd.ms-excel", "text/plain")) {
            assertEquals(List.of(), UploadRules.problems(leadImport("csv", type, 50L << 20)), type);
        }
        assertEquals("maxSize", only(leadImport("csv", "text/csv", (50L << 20) + 1)).rule());
    }

    @Test
    void aLeadImportWithoutChannel_isRefusedOnChannel() {
        FieldProblem problem = only(leadImport(null, "text/csv", 100));

        assertEquals("channel", problem.field());
        assertEquals("required", problem.rule());
    }

    @Test
    void anAttachmentWithoutRecordOrWithAnUnknownKind_isRefusedOnBoth() {
        UploadRequest request =
                UploadRequest.builder()
                        .purpose(UploadPurpose.ATTACHMENT)
                        .fileName("scan.png")
                        .contentType("image/png")
                        .size(10)
                        .kind("SELFIE")
                        .build();

        List<FieldProblem> problems = UploadRules.problems(request);

        assertEquals(
                List.of("entityId", "kind"), problems.stream().map(FieldProblem::field).toList());
        assertEquals(UploadRules.ATTACHMENT_KINDS, problems.get(1).limit());
    }

    @Test
    void aConsistencyDiff_takesCsvUpToTwoHundredMegabytes() {
        UploadRequest diff =
                UploadRequest.builder()
                        .purpose(UploadPurpose.CONSISTENCY_DIFF)
                        .fileName("erp-export.csv")
                        .contentType("text/csv")
                        .size(200L << 20)
                        .system("ERP")
                        .build();

        assertEquals(List.of(), UploadRules.problems(diff));
    }

    @Test
    void aConsistencyDiff_withoutTheSystemItComesFrom_isRefusedNamingTheSystems() {
        UploadRequest diff =
                UploadRequest.builder()
                        .purpose(UploadPurpose.CONSISTENCY_DIFF)
                        .fileName("erp-export.json")
                        .contentType("application/json")
                        .size(1000)
                        .system("SAP")
                        .build();

        FieldProblem problem = only(diff);

        assertEquals("system", problem.field());
        assertEquals("allowedSystem", problem.rule());
        assertEquals(
                List.of("ERP", "SERVICE_DESK", "WECHAT_OPENID", "WECHAT_UNIONID"), problem.limit());
    }

    @Test
    void fileNamesWithPathsOrControlCharactersOrALeadingDot_areRefused() {
        for (String name :
                List.of("../etc/passwd", "a/b.pdf", "x\u0000.pdf", ".hidden", "q\"uote.pdf")) {
            UploadRequest request =
                    UploadRequest.builder()
                            .purpose(UploadPurpose.ATTACHMENT)
                            .fileName(name)
                            .contentType("application/pdf")
                            .size(1)
                            .entityId("c")
                            .kind("OTHER")
                            .build();
            FieldProblem problem = only(request);
            assertEquals("fileName", problem.field(), name);
            assertEquals("fileNameCharacters", problem.rule(), name);
        }
    }

    @Test
    void aFileNameOverTwoHundredCharacters_isRefusedWithTheLimit() {
        UploadRequest request =
                UploadRequest.builder()
                        .purpose(UploadPurpose.ATTACHMENT)
                        .fileName("a".repeat(197) + ".pdf")
                        .contentType("application/pdf")
                        .size(1)
                        .entityId("c")
                        .kind("OTHER")
                        .build();

        FieldProblem problem = only(request);

        assertEquals("maxLength", problem.rule());
        assertEquals(UploadRules.MAX_FILE_NAME_LENGTH, problem.limit());
    }

    @Test
    void aSha256ThatIsNot64HexDigits_isRefused() {
        for (String sha : List.of("abc", "A".repeat(64), "g".repeat(64))) {
            UploadRequest request =
                    UploadRequest.builder()
                            .purpose(UploadPurpose.ATTACHMENT)
                            .fileName("a.pdf")
                            .contentType("application/pdf")
                            .size(1)
                            .sha256(sha)
                            .entityId("c")
                            .kind("OTHER")
                            .build();
            assertEquals("sha256", only(request).field(), sha);
        }
    }

    @Test
    void anAttachmentWithoutKind_orADiffWithoutSystem_isRefusedNotAnInternalError() {
        // GIVEN an attachment that names no kind, and a consistency diff that names no system
        // (found by the fuzz test: List.of(...).contains(null) throws)
        UploadRequest noKind =
                UploadRequest.builder()
                        .purpose(UploadPurpose.ATTACHMENT)
                        .fileName("a.pdf")
                        .contentType("application/pdf")
                        .size(10)
                        .sha256(SHA)
                        .entityId("customer-1")
                        .build();
        UploadRequest noSystem =
                UploadRequest.builder()
                        .purpose(UploadPurpose.CONSISTENCY_DIFF)
                        .fileName("erp.csv")
                        .contentType("text/csv")
                        .size(10)
                        .sha256(SHA)
                        .build();

        // THEN each is one refusal naming the field
        assertEquals("kind", only(noKind).field());
        assertEquals("allowedKind", only(noKind).rule());
        assertEquals("system", only(noSystem).field());
        assertEquals("allowedSystem", only(noSystem).rule());
    }
}
