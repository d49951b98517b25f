package org.opencrm.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.FieldProblem;

/** Whether arrived bytes are the declared attachment, without I/O. */
class AttachmentRulesTest {

    private static final String PDF = "application/pdf";
    private static final String PNG = "image/png";
    private static final String JPEG = "image/jpeg";
    private static final String DOCX =
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final String XLSX =
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String SHA_OF_CONTENT = "b".repeat(64);

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static UploadRequest declared(String contentType, String sha256) {
        return UploadRequest.builder()
                .purpose(UploadPurpose.ATTACHMENT)
                .fileName("opinion.pdf")
                .contentType(contentType)
                .size(100)
                .sha256(sha256)
                .entityId("customer-1")
                .kind("LEGAL_OPINION")
                .build();
    }

    @Test
    void eachAllowedType_isRecognisedByItsMagicNumber() {
        assertTrue(AttachmentRules.contentMatchesType(PDF, ascii("%PDF-1.7")));
        assertTrue(
                AttachmentRules.contentMatchesType(
                        PNG, bytes(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)));
        assertTrue(AttachmentRules.contentMatchesType(JPEG, bytes(0xff, 0xd8, 0xff, 0xe0)));
        assertTrue(AttachmentRules.contentMatchesType(DOCX, bytes('P', 'K', 3, 4, 20, 0)));
        assertTrue(AttachmentRules.contentMatchesType(XLSX, bytes('P', 'K', 3, 4)));
    }

    @Test
    void bytesOfAnotherType_doNotMatchTheDeclaredOne() {
        // an HTML page or a PNG declared as a PDF, a PDF declared as a PNG, text as a DOCX
        assertFalse(AttachmentRules.contentMatchesType(PDF, ascii("<html><body>")));
        assertFalse(
                AttachmentRules.contentMatchesType(
                        PDF, bytes(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)));
        assertFalse(AttachmentRules.contentMatchesType(PNG, ascii("%PDF-1.7")));
        assertFalse(AttachmentRules.contentMatchesType(DOCX, ascii("PK is not zip")));
        // a PNG whose line-ending bytes were mangled by a text transfer
        assertFalse(
                AttachmentRules.contentMatchesType(PNG, bytes(0x89, 'P', 'N', 'G', 0x0a, 0x1a)));
    }

    @Test
    void aFileShorterThanTheSignature_doesNotMatch() {
        assertFalse(AttachmentRules.contentMatchesType(PDF, ascii("%PD")));
        assertFalse(AttachmentRules.contentMatchesType(JPEG, bytes()));
    }

    @Test
    void aTypeWithoutASignature_neverMatches() {
        assertFalse(AttachmentRules.contentMatchesType("text/html", ascii("%PDF-1.7")));
    }

    @Test
    void aPdfWithoutDeclaredChecksum_hasNoProblem() {
        assertEquals(
                Optional.empty(),
                AttachmentRules.problem(declared(PDF, null), SHA_OF_CONTENT, ascii("%PDF-1.4")));
    }

    @Test
    void aPdfWithItsDeclaredChecksum_hasNoProblem() {
        assertEquals(
                Optional.empty(),
                AttachmentRules.problem(
                        declared(PDF, SHA_OF_CONTENT), SHA_OF_CONTENT, ascii("%PDF-1.4")));
    }

    @Test
    void anotherChecksumThanDeclared_isRefusedOnSha256_evenWhenTheTypeMatches() {
        String declaredSha = "a".repeat(64);

        FieldProblem problem =
                AttachmentRules.problem(
                                declared(PDF, declaredSha), SHA_OF_CONTENT, ascii("%PDF-1.4"))
                        .orElseThrow();

        assertEquals("sha256", problem.field());
        assertEquals("declaredSha256", problem.rule());
        assertEquals(declaredSha, problem.limit());
    }

    @Test
    void contentOfAnotherType_isRefusedOnContentType() {
        FieldProblem problem =
                AttachmentRules.problem(declared(PDF, null), SHA_OF_CONTENT, ascii("MZ\u0090\0"))
                        .orElseThrow();

        assertEquals("contentType", problem.field());
        assertEquals("contentMatchesType", problem.rule());
        assertEquals(PDF, problem.limit());
    }
}
