using System.Text;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Workflow.Workspace;

/// <summary>An import read but not yet saved: the report, and what the import and the rules found, for the confirm step.</summary>
public sealed record ImportPreview(AnnualReport Report, IReadOnlyList<Finding> ImportFindings, string Source);

/// <summary>Why an import could not be read; <see cref="Field"/> is the form field to name.</summary>
public sealed record ImportRefusal(string Field, string Message);

/// <summary>
/// Reads what a drafter pasted or uploaded into a report with the existing importers: pasted text or HTML (detected),
/// or a .txt (UTF-8, UTF-16 or GB18030), .html/.htm (its declared charset) or .docx file. Nothing is stored here; the
/// confirm step saves the report through the draft service.
/// </summary>
public static class DraftImport
{
    public const string PasteField = "paste";
    public const string FileField = "file";
    public const int MaxFileBytes = 10 * 1024 * 1024;

    public static (ImportPreview? Preview, ImportRefusal? Refusal) Read(string? pasted, string? fileName, byte[]? file)
    {
        var hasFile = file is { Length: > 0 };
        var hasText = !string.IsNullOrWhiteSpace(pasted);
        if (hasFile && hasText) return (null, new(PasteField, "请只选择一种方式：粘贴文字，或上传文件。"));
        if (!hasFile && !hasText) return (null, new(PasteField, "请粘贴报告全文，或选择要上传的文件。"));
        if (hasText)
        {
            var format = ReportImporter.Detect(pasted!);
            if (format == ReportSourceFormat.Json) return (null, new(PasteField, "请粘贴报告的文字或网页内容，不要粘贴 JSON。"));
            var imported = format == ReportSourceFormat.Html ? ReportImporter.ImportHtml(pasted!) : ReportImporter.ImportText(pasted!);
            return (new(imported.Report, imported.Findings, format == ReportSourceFormat.Html ? "粘贴的网页" : "粘贴的文字"), null);
        }
        if (file!.Length > MaxFileBytes) return (null, new(FileField, $"文件过大（最大 {MaxFileBytes / 1024 / 1024} MB）。"));
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        try
        {
            var result = extension switch
            {
                ".docx" => ReportImporter.ImportDocx(file),
                ".html" or ".htm" => ReportImporter.ImportHtml(file.AsSpan()),
                ".txt" => ReportImporter.ImportText(ReportText.DecodeDetecting(file)),
                _ => null,
            };
            return result is null
                ? (null, new(FileField, "只能上传 .txt、.html 或 .docx 文件。"))
                : (new(result.Report, result.Findings, $"上传的文件 {Path.GetFileName(fileName)}"), null);
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or DecoderFallbackException or IOException)
        {
            return (null, new(FileField, "无法读取该文件：它不是有效的 Word（.docx）、网页或文本文件。"));
        }
    }
}
