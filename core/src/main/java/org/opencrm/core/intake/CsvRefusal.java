package org.opencrm.core.intake;

/**
 * Why a file is not taken as a lead CSV, decided from its bytes before any row is read. {@link
 * #rule} is the rule id an API error or a failed import names.
 */
public enum CsvRefusal {
    EMPTY("header", "the file is empty; it must start with a header line naming the columns"),
    UTF16("charset", "UTF-16 text (byte-order mark); save the file as UTF-8 or GBK"),
    UNKNOWN_CHARSET("charset", "the bytes are neither UTF-8 nor GBK/GB18030 text"),
    BINARY("binary", "binary data (NUL or control bytes), not CSV text"),
    PDF("notCsv", "a PDF document, not CSV"),
    ZIP("notCsv", "a ZIP archive (an .xlsx workbook is one), not CSV; save it as CSV"),
    OLE("notCsv", "a legacy Office document (.xls), not CSV; save it as CSV"),
    NO_DELIMITER("notCsv", "the header line has no comma, so it is not a CSV header");

    private final String rule;
    private final String reason;

    CsvRefusal(String rule, String reason) {
        this.rule = rule;
        this.reason = reason;
    }

    public String rule() {
        return rule;
    }

    public String reason() {
        return reason;
    }
}
