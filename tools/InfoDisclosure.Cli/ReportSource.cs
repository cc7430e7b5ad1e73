using System.Text;
using System.Text.Json;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Cli;

/// <summary>A report read from a file, with what the import could not read.</summary>
public sealed record LoadedReport(AnnualReport Report, IReadOnlyList<Finding> ImportFindings);

/// <summary>
/// Finds report files and reads them: .json as the report's JSON, .html/.htm as a portal page (in the charset it
/// declares), .docx as a Word document, .pdf by its text layer, .txt as copied text.
/// </summary>
public static class ReportSource
{
    public static readonly IReadOnlySet<string> Extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".txt", ".html", ".htm", ".json", ".docx", ".pdf" };

    /// <summary>
    /// The files to check: each file as given, and every report file under each folder (recursive).
    /// A path that does not exist is reported in <paramref name="missing"/>.
    /// </summary>
    public static List<string> Expand(IEnumerable<string> paths, List<string> missing)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                if (seen.Add(Path.GetFullPath(path))) files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
                {
                    if (Extensions.Contains(Path.GetExtension(file)) && seen.Add(Path.GetFullPath(file))) files.Add(file);
                }
            }
            else
            {
                missing.Add(path);
            }
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>Reads and imports one report; throws <see cref="InputException"/> when it cannot be read at all.</summary>
    public static LoadedReport Load(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".docx" or ".pdf")
        {
            try
            {
                var bytes = ReadBytes(path);
                var imported = extension == ".pdf" ? ReportImporter.ImportPdf(bytes) : ReportImporter.ImportDocx(bytes);
                return new LoadedReport(imported.Report, imported.Findings);
            }
            catch (InvalidDataException ex)
            {
                throw new InputException($"{path}：{ex.Message}");
            }
        }
        var text = extension is ".html" or ".htm" ? ReadPage(path) : ReadText(path);
        if (extension == ".json")
        {
            try
            {
                return new LoadedReport(ReportJson.Deserialize(text), []);
            }
            catch (JsonException ex)
            {
                var where = string.IsNullOrEmpty(ex.Path) ? "" : $"（位置 {ex.Path}）";
                throw new InputException($"{path}：JSON 无法解析{where}：{ex.Message}");
            }
        }
        var result = extension switch
        {
            ".html" or ".htm" => ReportImporter.ImportHtml(text),
            ".txt" => ReportImporter.ImportText(text),
            _ => ReportImporter.Import(text),
        };
        return new LoadedReport(result.Report, result.Findings);
    }

    /// <summary>
    /// The file's text: UTF-8 or UTF-16 with a byte-order mark, UTF-8, or else GB18030 (which covers GBK and GB2312,
    /// still common on government portals). Anything else, or binary content, cannot be read.
    /// </summary>
    public static string ReadText(string path)
    {
        var bytes = ReadBytes(path);

        string text;
        try
        {
            text = ReportText.DecodeDetecting(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InputException($"{path}：无法识别文件编码（既不是 UTF-8/UTF-16，也不是 GB18030/GBK）");
        }
        if (text.Contains('\0')) throw new InputException($"{path}：不是文本文件（含二进制内容）");
        return text;
    }

    /// <summary>A page's text in the charset its &lt;meta&gt; declares, else as <see cref="ReadText"/> reads any file.</summary>
    private static string ReadPage(string path)
    {
        var bytes = ReadBytes(path);
        string text;
        try
        {
            text = HtmlBytes.Decode(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InputException($"{path}：无法识别网页编码（与 meta charset 声明不符，或既不是 UTF-8 也不是 GB18030/GBK）");
        }
        if (text.Contains('\0')) throw new InputException($"{path}：不是文本文件（含二进制内容）");
        return text;
    }

    private static byte[] ReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}：无法读取文件（{ex.Message}）");
        }
    }
}
