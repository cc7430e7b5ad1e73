using System.Text;
using InfoDisclosure.Reports.Comparison;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Cli;

/// <summary>
/// `compare A B [--html OUT]`: two reports side by side (usually one agency's two years): every cell and its delta,
/// changed paragraphs, and each one's findings, as text on stdout and, with --html, as a standalone page.
/// Exit code 1 when either report has an error-level finding, as `check` would give.
/// </summary>
public static class CompareCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = Arguments.Parse(args, flags: new HashSet<string>(), options: new HashSet<string> { "--html" });
        if (parsed.Positional.Count != 2) throw new InputException("compare 需要且只需要两个报告文件 A B (compare takes exactly two FILES)");
        foreach (var path in parsed.Positional)
        {
            if (!File.Exists(path)) throw new InputException($"{path}：文件不存在 (file not found)");
        }
        var a = ReportSource.Load(parsed.Positional[0]);
        var b = ReportSource.Load(parsed.Positional[1]);

        var comparison = ReportComparison.Create(a.Report, b.Report, a.ImportFindings, b.ImportFindings);
        stdout.Write(ComparisonText.Render(comparison));
        if (parsed.Get("--html") is { } html)
        {
            try
            {
                File.WriteAllText(html, ComparisonHtml.Render(comparison), new UTF8Encoding(false));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InputException($"{html}：无法写入（{ex.Message}）");
            }
        }
        return ReportValidator.HasErrors(comparison.FindingsA) || ReportValidator.HasErrors(comparison.FindingsB) ? ExitCodes.Errors : ExitCodes.Ok;
    }
}
