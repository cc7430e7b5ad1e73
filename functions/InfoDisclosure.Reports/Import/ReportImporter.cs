using System.Text.RegularExpressions;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Reports.Import;

/// <summary>What an import read, and what it could not read (findings naming the line).</summary>
public sealed record ImportResult(AnnualReport Report, IReadOnlyList<Finding> Findings);

/// <summary>How a report's content is written, as <see cref="ReportImporter.Detect"/> recognises it.</summary>
public enum ReportSourceFormat
{
    Json,
    Html,
    Text,
}

public static partial class ReportImporter
{
    /// <summary>
    /// Imports JSON, HTML or plain text, recognised by content (<see cref="Detect"/>). A malformed JSON document
    /// throws <see cref="System.Text.Json.JsonException"/> naming the field.
    /// </summary>
    public static ImportResult Import(string content) => Detect(content) switch
    {
        ReportSourceFormat.Json => new ImportResult(ReportJson.Deserialize(content.TrimStart('\uFEFF')), []),
        ReportSourceFormat.Html => ImportHtml(content),
        _ => ImportText(content),
    };

    /// <summary>JSON starts with "{"; HTML starts with "&lt;" or carries tags such as &lt;table&gt; or &lt;p&gt;; anything else is text.</summary>
    public static ReportSourceFormat Detect(string content)
    {
        var start = content.AsSpan().TrimStart("\uFEFF \t\r\n");
        if (start.StartsWith("{")) return ReportSourceFormat.Json;
        if (start.StartsWith("<") || HtmlMarkup().IsMatch(content)) return ReportSourceFormat.Html;
        return ReportSourceFormat.Text;
    }

    public static ImportResult ImportText(string text) => TextImporter.Import(text);

    public static ImportResult ImportHtml(string html) => HtmlImporter.Import(html);

    /// <summary>A Word document (DOCX); throws <see cref="InvalidDataException"/> when it is not one.</summary>
    public static ImportResult ImportDocx(Stream docx) => DocxImporter.Import(docx);

    public static ImportResult ImportDocx(byte[] docx) => DocxImporter.Import(new MemoryStream(docx, writable: false));

    /// <summary>
    /// A PDF, from its text layer; a PDF without one (a scan) gives an IMPORT.SCANNED error. Throws
    /// <see cref="InvalidDataException"/> when it is not a PDF.
    /// </summary>
    public static ImportResult ImportPdf(Stream pdf) => PdfImporter.Import(pdf);

    public static ImportResult ImportPdf(byte[] pdf) => PdfImporter.Import(pdf);

    /// <summary>A page as published, in the encoding it declares (<see cref="HtmlBytes.Decode"/>).</summary>
    public static ImportResult ImportHtml(ReadOnlySpan<byte> html) => HtmlImporter.Import(HtmlBytes.Decode(html));

    // Plain text may quote "<中华人民共和国政府信息公开工作年度报告格式>"; only real tags make a page.
    [GeneratedRegex(@"<\s*(?:html|body|table|tr|td|p|div|h[1-6])\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlMarkup();
}
